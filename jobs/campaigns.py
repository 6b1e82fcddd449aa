"""Write the outbox rows of a message staff send to many applicants; the outbox delivers them."""

from jobs.context import app_context
from jobs.enqueue import requeue


def fan_out(message_id: int) -> int:
    with app_context():
        from portal.services import campaigns

        return campaigns.fan_out(message_id)


def sweep() -> int:
    """Re-enqueue messages whose job was lost."""
    return requeue("portal.services.campaigns", "stale", "campaign")
