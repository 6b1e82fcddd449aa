"""Deliver outbox messages over SMTP, at least once, never twice for the same row."""

from jobs.context import app_context
from jobs.enqueue import requeue


def deliver(outbox_id: int) -> str:
    with app_context():
        from portal.mail import delivery

        return delivery.deliver(outbox_id)


def sweep() -> int:
    """Re-enqueue messages stuck in `created` or `sending` (worker died, Redis was down)."""
    return requeue("portal.mail.delivery", "stuck_messages", "mail")
