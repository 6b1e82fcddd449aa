"""Deliver outbox messages over SMTP, at least once, never twice for the same row."""

from rq import Retry
from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job, JobStatus

from jobs.context import app_context

RETRY = Retry(max=5, interval=[10, 60, 300, 900, 3600])
SETTLED = {JobStatus.FINISHED, JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED}


def enqueue(queue, outbox_id: int):
    """Enqueue delivery of one row; a job already waiting or running for it is left alone."""
    job_id = f"mail-{outbox_id}"
    try:
        if Job.fetch(job_id, connection=queue.connection).get_status() in SETTLED:
            Job.fetch(job_id, connection=queue.connection).delete()
    except NoSuchJobError:
        pass
    try:
        return queue.enqueue_call(
            deliver, args=(outbox_id,), job_id=job_id, unique=True, retry=RETRY,
            description=f"e-mail {outbox_id}",
        )
    except DuplicateJobError:
        return None


def deliver(outbox_id: int) -> str:
    with app_context():
        from portal.mail import delivery

        return delivery.deliver(outbox_id)


def sweep() -> int:
    """Re-enqueue messages stuck in `created` or `sending` (worker died, Redis was down)."""
    with app_context():
        from portal.mail import delivery
        from portal.queue import get_queue

        ids = delivery.stuck_messages()
        queue = get_queue()
        for outbox_id in ids:
            enqueue(queue, outbox_id)
        return len(ids)
