"""`/healthz`: the process lives. `/readyz`: it can do its work: the database answers, Redis
answers, the queues are not stuck (depth and the age of the oldest waiting job per queue), the
SMTP server accepts a connection, and the upload storage is writable, and the virus scan (clamd) answers when it is configured. JSON, 200 or 503; no login,
no personal data, nothing a load balancer could not see anyway."""

import smtplib
import time
from datetime import datetime, timezone

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from portal.extensions import csrf, db
from portal.queue import WORKER_QUEUES, get_queue, get_redis
from portal.uploads import storage, virus

bp = Blueprint("health", __name__)
csrf.exempt(bp)


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok")


def _timed(check):
    started = time.perf_counter()
    try:
        detail = check()
        ok = True
    except Exception as error:  # noqa: BLE001  (every failure is a finding, reported, never raised)
        detail, ok = f"{type(error).__name__}: {error}"[:300], False
    return {"ok": ok, "ms": round((time.perf_counter() - started) * 1000, 1), **(
        detail if isinstance(detail, dict) else {"detail": detail} if detail else {})}


def _database():
    db.session.execute(text("SELECT 1"))
    db.session.rollback()


def _redis():
    get_redis().ping()


def _queues():
    now = datetime.now(timezone.utc)
    found = {}
    for name in WORKER_QUEUES:
        queue = get_queue(name)
        oldest = None
        first = queue.get_job_ids(0, 1)
        if first:
            job = queue.fetch_job(first[0])
            if job is not None and job.enqueued_at is not None:
                enqueued = job.enqueued_at if job.enqueued_at.tzinfo else job.enqueued_at.replace(tzinfo=timezone.utc)
                oldest = round((now - enqueued).total_seconds(), 1)
        found[name] = {"waiting": queue.count, "oldest_waiting_seconds": oldest}
    return {"queues": found}


def _smtp():
    config = current_app.config
    with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=3) as smtp:
        smtp.noop()


def _virus_scan():
    state = virus.status()  # "uit" (not configured: uploads are not scanned), "ok" or "onbereikbaar"
    if state == "onbereikbaar":
        raise OSError("clamd (CLAMD_SOCKET) antwoordt niet: uploads worden geweigerd")
    return {"state": state}


def _storage():
    storage.writable()
    return {"backend": current_app.config["STORAGE_BACKEND"]}


@bp.get("/readyz")
def readyz():
    checks = {"database": _timed(_database), "redis": _timed(_redis), "smtp": _timed(_smtp),
              "storage": _timed(_storage), "virusscan": _timed(_virus_scan)}
    checks["queues"] = _timed(_queues) if checks["redis"]["ok"] else {"ok": False, "detail": "Redis onbereikbaar"}
    ready = all(check["ok"] for check in checks.values())
    return jsonify(status="ok" if ready else "unavailable", checks=checks), 200 if ready else 503
