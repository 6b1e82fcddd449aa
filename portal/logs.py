"""Logs a machine can read: one JSON object per line (LOG_FORMAT=json, the default in
production), each with the request id that follows a submission from the web request into the
jobs it enqueues (RQ job meta) and their log lines in the worker.

The request id is the caller's X-Request-ID when it is a plain token (a proxy's), else a new
one; it is sent back in the response's X-Request-ID."""

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import datetime, timezone

from flask import g, request

request_id: ContextVar[str | None] = ContextVar("loket_request_id", default=None)
TOKEN = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {"time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
                 "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        if getattr(record, "request_id", None):
            entry["request_id"] = record.request_id
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(log_format: str) -> None:
    """Once per process: the root logger writes to stderr, as text or JSON, with the request id."""
    root = logging.getLogger()
    if any(getattr(h, "loket", False) for h in root.handlers):
        return
    handler = logging.StreamHandler()
    handler.loket = True
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if log_format == "json" else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
    root.addHandler(handler)
    for name in ("rq.worker", "rq.scheduler"):  # RQ's CLI gave these their own handler already
        if logging.getLogger(name).handlers:
            logging.getLogger(name).propagate = False
    if root.level == logging.WARNING:  # Python's default: keep our INFO lines
        root.setLevel(logging.INFO)


def init_app(app):
    configure(app.config["LOG_FORMAT"])
    if not app.config.get("LOG_REQUESTS", True):  # make run: a line per request would push the banner away
        logging.getLogger("werkzeug").setLevel(logging.WARNING)

    @app.before_request
    def _request_id():
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if TOKEN.match(given) else uuid.uuid4().hex
        request_id.set(g.request_id)

    @app.after_request
    def _send_request_id(response):
        if getattr(g, "request_id", None):
            response.headers["X-Request-ID"] = g.request_id
        return response
