"""Enqueue a job at most once per id: one waiting or running job per subject, never two; and the
sweeps that enqueue again what the database says is still to do."""

import importlib

from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job, JobStatus

SETTLED = {JobStatus.FINISHED, JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED}


def enqueue_once(queue, func, args: tuple, job_id: str, retry, description: str):
    """Enqueue `func(*args)` as `job_id`; an earlier settled job with that id is replaced, a
    waiting or running one is left alone (returns None)."""
    try:
        job = Job.fetch(job_id, connection=queue.connection)
        if job.get_status() in SETTLED:
            job.delete()
    except NoSuchJobError:
        pass
    try:
        return queue.enqueue_call(func, args=args, job_id=job_id, unique=True, retry=retry, description=description)
    except DuplicateJobError:
        return None


def requeue(module: str, finder: str, enqueue) -> int:
    """A sweep: `enqueue(queue, id)` for every id `<module>.<finder>()` finds (run in the app's
    context; the portal module is imported only then, not when a worker imports the jobs)."""
    from jobs.context import app_context

    with app_context():
        from portal.queue import get_queue

        ids = getattr(importlib.import_module(module), finder)()
        queue = get_queue()
        for row_id in ids:
            enqueue(queue, row_id)
        return len(ids)
