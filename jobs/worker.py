"""The RQ worker to run: `rq worker -w jobs.worker.Worker --with-scheduler loket-mail loket
loket-campaign` (see README).

It keeps RQ's protection (every job in its own forked work horse, killed when it exceeds its
timeout, without taking the worker down) but builds the Flask app once, in the worker process,
before the first fork: the work horses inherit it instead of building it per job."""

from rq.worker import Worker as RQWorker

from jobs import context


class Worker(RQWorker):
    def work(self, *args, **kwargs):
        context.preload()
        return super().work(*args, **kwargs)

    def main_work_horse(self, job, queue):
        context.after_fork()
        return super().main_work_horse(job, queue)

    def perform_job(self, job, queue):
        """The job's log lines carry the request id of the request that enqueued it."""
        from portal.logs import request_id

        token = request_id.set(job.meta.get("request_id") or f"job-{job.id}")
        try:
            return super().perform_job(job, queue)
        finally:
            request_id.reset(token)
