"""(d) Outbox delivery: N messages queued with queue_mail, delivered by the RQ jobs (run in this
process like `rq worker --burst`) over SMTP to the local aiosmtpd sink (portal.mail.sink), which
writes a Maildir.

The sink runs in a child process, as an SMTP server does: in this process its event-loop thread
would fight the worker for the GIL on every SMTP round trip, which on this machine cut the figure
to a third (about 15 instead of 45 msg/s)."""

import multiprocessing
import time

from benchmarks import at_least, info
from portal.domain.measures import get_measure
from portal.extensions import db
from portal.mail import sink
from portal.mail.outbox import queue_mail
from portal.models import Enterprise, OutboxMessage, User
from tests import support

TARGET_MSG_S = 50
WARM_UP = 5


def serve(directory: str, port: int, ready) -> None:
    """The child process: start the sink, say so, and wait to be terminated."""
    sink.start(directory, port=port)
    ready.set()
    while True:
        time.sleep(60)


def start_sink(directory: str, port: int):
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no copy of the app or Redis
    ready = context.Event()
    process = context.Process(target=serve, args=(directory, port, ready), daemon=True)
    process.start()
    if not ready.wait(30):
        process.terminate()
        raise RuntimeError("de mail-sink startte niet")
    return process


def queue(prefix: str, count: int) -> None:
    user = db.session.scalar(db.select(User).filter_by(subject="tom"))
    bakery = db.session.scalar(db.select(Enterprise).filter_by(number="0403170701"))
    granter = db.session.scalar(db.select(User).filter_by(subject="els"))
    for i in range(count):
        queue_mail(dedupe_key=f"{prefix}:{i}:recht_toegekend", recipient=user.email, template="recht_toegekend",
                   enterprise_id=bakery.id, user=user, enterprise=bakery, measure=get_measure("im"),
                   granted_by=granter)


def warm_up(env) -> None:
    """Five messages first, not counted: the first job imports the job modules and opens connections."""
    queue("warm-up", WARM_UP)
    db.session.commit()
    support.run_jobs(env.app)


def run(env, quick: bool):
    count = 50 if quick else 200
    directory = str(env.workdir / "mailsink")
    port = support.free_port()
    process = start_sink(directory, port)
    env.app.config.update(SMTP_PORT=port, MAIL_SINK_DIR=directory)
    try:
        with env.context():
            env.redis.flushdb()
            warm_up(env)
            start = time.perf_counter()
            queue("bench", count)
            db.session.commit()  # after commit: one RQ job per message
            queued = time.perf_counter() - start

        start, cpu = time.perf_counter(), time.process_time()
        ran = support.run_jobs(env.app)
        delivered, cpu = time.perf_counter() - start, time.process_time() - cpu

        with env.context():
            sent = db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)
                                     .filter(OutboxMessage.status == "sent")) - WARM_UP
        received = len(sink.read(directory)) - WARM_UP
        if ran != count or sent != count or received != count:
            raise RuntimeError(f"{count} berichten: {ran} jobs, {sent} verzonden, {received} in de sink")
    finally:
        process.terminate()
        process.join(10)
    return [
        info(f"Outbox: {count} berichten klaarzetten (queue_mail + commit)", count / queued, "msg/s"),
        at_least(f"Outbox: {count} berichten bezorgen (RQ-job + SMTP)", count / delivered, "msg/s", TARGET_MSG_S),
        info("Outbox: CPU per bezorgd bericht (worker)", cpu / count * 1000, "ms"),
    ]
