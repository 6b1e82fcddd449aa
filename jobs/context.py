"""The app context a job runs in: the caller's when there is one (tests, burst workers started
from the app), else one app per worker process.

The worker the README tells people to run (jobs/worker.py) builds that app once, before it forks
its first work horse; every work horse inherits it and only drops the database connections it
inherited (they belong to the parent). Without that, every job would build the app again in a
child that exits right after: about 0.8 s per job."""

from contextlib import contextmanager

from flask import current_app, has_app_context

_app = None


def preload():
    """Build the app in this process (the worker, before it forks)."""
    global _app
    if _app is None:
        from portal import create_app

        _app = create_app()
    return _app


def after_fork() -> None:
    """In a work horse: never share the parent's database connections."""
    if _app is not None:
        from portal.extensions import db

        with _app.app_context():
            db.engine.dispose(close=False)


@contextmanager
def app_context():
    if has_app_context():
        yield current_app
        return
    app = preload()
    with app.app_context():
        yield app
