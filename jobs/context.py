"""The app context a job runs in: the caller's when there is one (tests, burst workers started
from the app), else one app per worker process, created on first use, not at import."""

from contextlib import contextmanager

from flask import current_app, has_app_context

_app = None


@contextmanager
def app_context():
    global _app
    if has_app_context():
        yield current_app
        return
    if _app is None:
        from portal import create_app

        _app = create_app()
    with _app.app_context():
        yield _app
