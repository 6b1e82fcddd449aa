"""Fault drills for e-mail, on the README's worker command run as a real process against this
run's database and Redis, and a real SMTP server on loopback (tests/smtp.py). Each drill prints
its figures: expected, delivered, doubled, lost, time to recover.

What each proves:
- a worker killed with SIGKILL mid-campaign (work horse and all) loses nothing and doubles at
  most the one message whose 250 it had read but not yet recorded; its rows come back after the
  lease (MAIL_SENDING_LEASE) through the sweep the ticker runs;
- an SMTP server that answers 451 for a while, and 550 for one address, gets every message once
  when it recovers, while the refused one is failed and visible, and staff see the retries;
- Redis emptied while dossiers wait for their admissibility check and e-mails wait to be sent:
  the sweeps put everything back."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from jobs import dossiers as dossier_jobs
from jobs import mail as mail_jobs
from portal.extensions import db
from portal.models import Application, OutboxMessage
from portal.queue import WORKER_QUEUES
from tests import dossiers
from tests.resilience import report
from tests.smtp import ScriptedSink
from tests.test_delivery import add_rows

LEASE = 3


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


class Worker:
    """`rq worker -w jobs.worker.Worker … loket-mail loket loket-campaign`, as the README runs it."""

    def __init__(self, app, workdir, port: int):
        config = app.config
        redis = app.extensions["loket_redis"]["conn"]
        redis_url = os.environ.get("REDIS_URL") or f"unix://{redis.socket_file}"
        self.env = dict(os.environ, DATABASE_URL=config["SQLALCHEMY_DATABASE_URI"], REDIS_URL=redis_url,
                        LOKET_INSTANCE_DIR=str(workdir), SMTP_HOST="127.0.0.1", SMTP_PORT=str(port),
                        SECRET_KEY="test-secret", MAIL_SENDING_LEASE=str(LEASE), PYTHONUNBUFFERED="1")
        self.redis_url = redis_url
        self.log = open(Path(workdir) / f"worker-{uuid.uuid4().hex[:6]}.log", "wb")
        self.process = None

    def start(self):
        rq = Path(sys.executable).with_name("rq")
        self.process = subprocess.Popen([str(rq), "worker", "-w", "jobs.worker.Worker", "--url", self.redis_url,
                                         *WORKER_QUEUES], env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        return self

    def kill(self):
        """SIGKILL the worker and its work horse at once: a machine that dies, not a polite stop."""
        for pid in [*children(self.process.pid), self.process.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


@pytest.fixture
def worker_factory(app, workdir):
    started = []

    def start(port):
        worker = Worker(app, workdir, port).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def count(status: str) -> int:
    db.session.commit()
    return db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage).filter(OutboxMessage.status == status))


def wait_until(condition, seconds: float, tick=None):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        if tick:
            tick()
        time.sleep(0.2)
    return True


def workers_ready() -> bool:
    from rq import Worker as RQWorker

    from portal.queue import get_redis

    return len(RQWorker.all(connection=get_redis())) >= 1


def first_attempt_recorded() -> bool:
    """A row has been tried and none is in flight, read in one statement: two separate reads can
    straddle a claim (the claim counts the attempt before the answer is recorded). After a 451
    the worker gives the rest of its batch back untried, so not every row has an attempt."""
    db.session.commit()
    tried, in_flight = db.session.execute(db.select(
        db.func.count().filter(OutboxMessage.attempts > 0),
        db.func.count().filter(OutboxMessage.status == "sending"))).one()
    return tried > 0 and in_flight == 0


def ticker():
    """What `flask loket ticker` does every 2 s for e-mail."""
    mail_jobs.sweep()


def test_sigkill_of_the_worker_mid_campaign_loses_and_doubles_nothing(app, worker_factory):
    app.config.update(MAIL_SENDING_LEASE=LEASE, MAIL_BATCH_SIZE=50)
    add_rows(500)
    with ScriptedSink() as sink:
        first = worker_factory(sink.port)
        mail_jobs.sweep()
        assert wait_until(lambda: sink.total >= 100, 60), "the worker did not start sending"
        first.kill()
        killed_at, sent_before = time.monotonic(), sink.total
        second = worker_factory(sink.port)
        recovered = wait_until(lambda: count("sent") == 500, 120, tick=ticker)
        took = time.monotonic() - killed_at
        second.stop()
    report("SIGKILL mid-campaign", expected=500, sent_before_kill=sent_before, delivered=len(sink.received),
           doubled=sink.doubled, lost=500 - len(sink.received), recovered_in=f"{took:.1f}s")
    assert recovered and len(sink.received) == 500
    assert sink.doubled <= 1  # at most the one message between the server's 250 and our UPDATE


def test_an_smtp_server_that_answers_451_for_a_while_gets_every_message_once(app, worker_factory, make):
    bakery = make.enterprise()
    add_rows(20, lane="transactional", enterprise_id=bakery.id,
             recipients=[*(f"collega{i}@example.test" for i in range(9)), "weg@example.test"])
    with ScriptedSink() as sink:
        sink.refuse = {"weg@example.test"}
        worker_factory(sink.port)
        assert wait_until(workers_ready, 60), "the worker did not start"
        sink.temporary_until = time.monotonic() + 5  # greylisting for five seconds from now
        began = time.monotonic()
        mail_jobs.sweep()
        assert wait_until(first_attempt_recorded, 30), "the first attempt did not happen"
        waiting = db.session.scalars(db.select(OutboxMessage).filter(OutboxMessage.last_code == 451)).all()
        assert waiting and all(m.next_attempt_at for m in waiting)  # staff see the retry and when
        done = wait_until(lambda: count("sent") + count("failed") == 20, 60, tick=ticker)
        took = time.monotonic() - began
    failed = db.session.scalars(db.select(OutboxMessage).filter_by(status="failed")).all()
    report("SMTP 451 for 5 s, 550 for one address", expected=18, delivered=len(sink.received), doubled=sink.doubled,
           failed=len(failed), recovered_in=f"{took:.1f}s")
    assert done and len(sink.received) == 18 and sink.doubled == 0
    assert {m.recipient for m in failed} == {"weg@example.test"} and all(m.last_code == 550 for m in failed)


def test_redis_emptied_while_work_waits_loses_nothing(app, people, monkeypatch, smtp_sink, redis_connection, run_jobs):
    submitted = [dossiers.submitted(people.bakery, people.els, national_number=number, name="Pieter Wouters")
                 for number in ("85073003328", "90021512370", "79052602785")]
    add_rows(20, lane="transactional")
    redis_connection.flushdb()  # Redis restarted empty: every queued job is gone
    began = time.monotonic()
    # An hour later, as the ticker would find it (the admissibility sweep leaves fresh dossiers alone).
    from portal.services.dossiers import admissibility

    later = admissibility.now() + admissibility.STALE_AFTER
    monkeypatch.setattr(admissibility, "now", lambda: later)
    assert dossier_jobs.sweep_checks() == len(submitted)
    assert mail_jobs.sweep() == 1
    run_jobs()
    took = time.monotonic() - began
    checked = [db.session.get(Application, a.id) for a in submitted]
    received = smtp_sink()
    rows = db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage))
    report("Redis emptied", expected=rows, delivered=len(received),
           dossiers_checked=sum(1 for a in checked if a.admissibility or a.dossier.check_attempts),
           recovered_in=f"{took:.1f}s")
    assert count("created") == 0 and count("sending") == 0
    assert all(a.admissibility or a.dossier.check_attempts for a in checked)
    assert len(received) == rows  # every row once: the 20, the confirmations and the check's notices
