"""(d) E-mail at scale, measured the way the README runs it.

A campaign of 10,000 recipients (1,000 with --quick) is delivered by the README's worker command
(`rq worker -w jobs.worker.Worker … loket-mail loket loket-campaign`, two of them: one per core),
started as separate processes against this run's database and Redis, to postfix's `smtp-sink` (a
C server, so that the sink is not what is measured). In the same run, next to it, the machine's
ceiling: a plain smtplib loop sending messages of the same size over one reused connection to the
same sink. While the campaign runs, 50 applicants' confirmations are queued one by one (as a
submission does): their time from commit to accepted by the sink is the time a confirmation waits
behind the campaign.

The campaign's outbox rows are written directly (one INSERT per 1,000 rows), with the body of a
real campaign e-mail: the fan-out that writes them is benchmark (f).

Without smtp-sink (Debian package postfix) this benchmark says so and measures nothing."""

import os
import shutil
import smtplib
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from benchmarks import at_least, at_most, info
from portal.extensions import db
from portal.mail import delivery
from portal.models import BulkMessage, OutboxMessage, User
from portal.models.base import utcnow
from portal.queue import WORKER_QUEUES, wake_delivery
from tests import support

WORKERS = int(os.environ.get("BENCH_MAIL_WORKERS", "2"))  # the README: one per core
TARGET_RATIO = 0.5
TARGET_MSG_S = 300
TARGET_CONFIRMATION_P99_S = 5


def start_sink(port: int) -> subprocess.Popen:
    binary = shutil.which("smtp-sink") or "/usr/sbin/smtp-sink"
    if not Path(binary).exists():
        raise RuntimeError("smtp-sink ontbreekt (apt-get install postfix): niets gemeten")
    user = ["-u", "nobody"] if os.geteuid() == 0 else []
    process = subprocess.Popen([binary, *user, f"127.0.0.1:{port}", "256"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            smtplib.SMTP("127.0.0.1", port, timeout=1).quit()
            return process
        except OSError:
            time.sleep(0.05)
    process.terminate()
    raise RuntimeError("smtp-sink startte niet")


def sample_row(env) -> dict:
    """The columns of one real campaign e-mail (rendered by the portal's own template)."""
    from flask import render_template

    bulk = BulkMessage(subject="Nieuwe betaalkalender", body="Vanaf januari betalen wij de premies op de 20ste. " * 8)
    text = render_template("mail/bulk_bericht.txt", bulk=bulk, body=bulk.body, contact="Els Peeters", numbers=["IM-2026-000001"])
    html = render_template("mail/bulk_bericht.html", bulk=bulk, body=bulk.body, contact="Els Peeters", numbers=["IM-2026-000001"],
                           subject=bulk.subject)
    return {"subject": bulk.subject, "body_text": text, "body_html": html}


def ceiling(port: int, raw: bytes, count: int) -> float:
    """Messages per second of a plain smtplib loop over one reused connection."""
    smtp = smtplib.SMTP("127.0.0.1", port)
    start = time.perf_counter()
    for _ in range(count):
        smtp.sendmail("noreply@loket.test", ["ontvanger@example.test"], raw)
    elapsed = time.perf_counter() - start
    smtp.quit()
    return count / elapsed


def create_campaign(count: int, sample: dict) -> int:
    staff = db.session.scalar(db.select(User).filter_by(subject="sofie"))
    campaign = BulkMessage(subject=sample["subject"], body="benchmark", measure="", audience="alle",
                           request_token=uuid.uuid4().hex, status="aangemaakt", created_by_id=staff.id,
                           recipients=count)
    db.session.add(campaign)
    db.session.flush()
    now = utcnow()
    for start in range(0, count, 1000):
        db.session.execute(db.insert(OutboxMessage), [
            {"dedupe_key": f"bench:{campaign.id}:{i}", "campaign_id": campaign.id, "lane": "campaign",
             "recipient": f"ontvanger{i}@example.test", "message_id": f"<{uuid.uuid4().hex}@loket.test>",
             "status": "created", "attempts": 0, "created_at": now, "updated_at": now, **sample}
            for i in range(start, min(count, start + 1000))])
    db.session.commit()
    return campaign.id


def worker_environment(env, port: int) -> dict:
    config = env.app.config
    redis_url = os.environ.get("REDIS_URL") or f"unix://{env.redis.socket_file}"
    return dict(os.environ, DATABASE_URL=config["SQLALCHEMY_DATABASE_URI"], REDIS_URL=redis_url,
                LOKET_INSTANCE_DIR=str(env.workdir), SMTP_HOST="127.0.0.1", SMTP_PORT=str(port),
                SECRET_KEY="benchmark", FLASK_APP="portal:create_app", PYTHONUNBUFFERED="1"), redis_url


def start_workers(env, port: int) -> list[subprocess.Popen]:
    """The README's worker command, WORKERS times."""
    environment, redis_url = worker_environment(env, port)
    rq = Path(sys.executable).with_name("rq")
    log = open(env.workdir / "workers.log", "ab")
    workers = [subprocess.Popen([str(rq), "worker", "-w", "jobs.worker.Worker", "--url", redis_url,
                                 "--logging_level", "WARNING", *WORKER_QUEUES], env=environment, stdout=log,
                                stderr=subprocess.STDOUT) for _ in range(WORKERS)]
    deadline = time.monotonic() + 60
    from rq import Worker

    while len(Worker.all(connection=env.redis)) < WORKERS:
        if time.monotonic() > deadline or any(w.poll() is not None for w in workers):
            raise RuntimeError(f"de workers startten niet: zie {env.workdir / 'workers.log'}")
        time.sleep(0.1)
    return workers


def confirmations(env, count: int, every: float, sample: dict, done: threading.Event) -> None:
    """Applicants submitting during the campaign: one transactional e-mail each, committed and
    woken as a submission does (queue_mail's after-commit hook)."""
    with env.context():
        for i in range(count):
            if done.is_set():
                break
            now = utcnow()
            db.session.add(OutboxMessage(dedupe_key=f"bench:bevestiging:{i}", lane="transactional",
                                         recipient=f"aanvrager{i}@example.test", created_at=now, updated_at=now,
                                         message_id=f"<{uuid.uuid4().hex}@loket.test>", status="created",
                                         attempts=0, **sample))
            db.session.commit()
            wake_delivery("transactional")
            time.sleep(every)


def run(env, quick: bool):
    count = 1000 if quick else 10_000
    applicants = 10 if quick else 50
    port = support.free_port()
    sink = start_sink(port)
    workers = []
    try:
        with env.context():
            env.redis.flushdb()
            sample = sample_row(env)
            from types import SimpleNamespace

            raw = delivery.build(SimpleNamespace(recipient="ontvanger@example.test", message_id="<x@loket.test>",
                                                 **sample))
            loop_rate = ceiling(port, raw, min(count, 5000))
            campaign_id = create_campaign(count, sample)
        workers = start_workers(env, port)
        with env.context():
            done = threading.Event()
            start, started_at = time.perf_counter(), utcnow()
            wake_delivery("campaign")
            submitter = threading.Thread(target=confirmations, args=(env, applicants, 0.1, sample, done))
            submitter.start()
            while True:
                left = db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage).filter(
                    OutboxMessage.campaign_id == campaign_id, OutboxMessage.status != "sent"))
                db.session.commit()
                if not left:
                    break
                if time.perf_counter() - start > 600:
                    raise RuntimeError(f"na 10 minuten nog {left} e-mails niet verzonden")
                time.sleep(0.2)  # the count itself costs the database: not too often
            last = db.session.scalar(db.select(db.func.max(OutboxMessage.sent_at)).filter(
                OutboxMessage.campaign_id == campaign_id))
            elapsed = (last - started_at).total_seconds()  # to the last e-mail, not to our last look
            done.set()
            submitter.join()
            deadline = time.monotonic() + 30
            while db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage).filter(
                    OutboxMessage.lane == "transactional", OutboxMessage.status != "sent")):
                db.session.commit()
                if time.monotonic() > deadline:
                    raise RuntimeError("bevestigingen niet verzonden")
                time.sleep(0.05)
            waits = sorted((m.sent_at - m.created_at).total_seconds() for m in db.session.scalars(
                db.select(OutboxMessage).filter(OutboxMessage.lane == "transactional")))
            doubled = db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage).filter(
                OutboxMessage.attempts > 1))
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(30)
        sink.terminate()
        sink.wait(10)
    rate = count / elapsed
    p99 = waits[max(0, round(0.99 * len(waits) + 0.5) - 1)]
    return [
        info("Ceiling: smtplib-lus, één verbinding, naar smtp-sink", loop_rate, "msg/s"),
        at_least(f"Campagne van {count}: {WORKERS} workers (README-commando) naar smtp-sink", rate, "msg/s",
                 TARGET_MSG_S),
        at_least("Campagne als deel van de smtplib-lus", rate / loop_rate, "×", TARGET_RATIO),
        info(f"Bevestigingen tijdens de campagne ({len(waits)}): p50 commit → sink", statistics.median(waits) * 1000,
             "ms"),
        at_most("Bevestigingen tijdens de campagne: p99", p99 * 1000, "ms", TARGET_CONFIRMATION_P99_S * 1000),
        info("Berichten met meer dan één poging", doubled, ""),
    ]
