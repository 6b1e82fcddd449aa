"""Deliver outbox messages over SMTP, at least once, never twice for the same row."""

from rq import Retry

from jobs.context import app_context
from jobs.enqueue import enqueue_once, requeue

RETRY = Retry(max=5, interval=[10, 60, 300, 900, 3600])


def enqueue(queue, outbox_id: int):
    """Enqueue delivery of one row; a job already waiting or running for it is left alone."""
    return enqueue_once(queue, deliver, (outbox_id,), f"mail-{outbox_id}", RETRY, f"e-mail {outbox_id}")


def deliver(outbox_id: int) -> str:
    with app_context():
        from portal.mail import delivery

        return delivery.deliver(outbox_id)


def sweep() -> int:
    """Re-enqueue messages stuck in `created` or `sending` (worker died, Redis was down)."""
    return requeue("portal.mail.delivery", "stuck_messages", enqueue)
