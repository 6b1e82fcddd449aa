"""Write the outbox rows of a message staff send to many applicants; the outbox delivers them."""

from rq import Retry

from jobs.context import app_context
from jobs.enqueue import enqueue_once, requeue

RETRY = Retry(max=3, interval=[30, 120, 600])


def enqueue(queue, message_id: int):
    return enqueue_once(queue, fan_out, (message_id,), f"bulk-{message_id}", RETRY, f"bericht {message_id}")


def fan_out(message_id: int) -> int:
    with app_context():
        from portal.backoffice import bulk

        return bulk.fan_out(message_id)


def sweep() -> int:
    """Re-enqueue messages whose job was lost."""
    return requeue("portal.backoffice.bulk", "stale", enqueue)
