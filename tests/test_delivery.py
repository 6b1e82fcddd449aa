"""E-mail in batches over reused SMTP connections: claimed safely by several workers at once,
each row sent once, retried when its own row says, through two lanes.

Every test talks to a real SMTP server on loopback (tests/smtp.py) that can misbehave on purpose."""

import multiprocessing
import uuid
from datetime import timedelta

from rq import SimpleWorker

from jobs import mail as mail_jobs
from portal.extensions import db
from portal.mail import addresses, delivery
from portal.mail.rate import RateLimiter
from portal.models import OutboxMessage
from portal.models.base import utcnow
from portal.queue import WORKER_QUEUES, get_queue
from tests.smtp import ScriptedSink


def add_rows(count: int, *, lane: str = "campaign", enterprise_id=None, recipients=None) -> list[int]:
    rows = []
    for i in range(count):
        rows.append(OutboxMessage(
            dedupe_key=f"test:{uuid.uuid4().hex}", lane=lane, enterprise_id=enterprise_id,
            recipient=(recipients[i % len(recipients)] if recipients else f"ontvanger{i}@example.test"),
            subject=f"Bericht {i}", body_text="Tekst", body_html="<p>Tekst</p>",
            message_id=f"<{uuid.uuid4().hex}@loket.test>", status="created", attempts=0))
    db.session.add_all(rows)
    db.session.commit()
    return [row.id for row in rows]


def statuses() -> dict[str, int]:
    return dict(db.session.execute(db.select(OutboxMessage.status, db.func.count()).group_by(OutboxMessage.status)).all())


def _worker(app, lane, results):
    """One worker process: deliver until nothing is due (forked: its own database connections)."""
    with app.app_context():
        db.engine.dispose(close=False)
        sent = 0
        while True:
            outcome = delivery.deliver(lane, seconds=60)
            sent += outcome.sent
            if not outcome.sent and not outcome.retry:
                break
        results.put(sent)


def test_two_workers_deliver_the_same_2000_rows_exactly_once(app):
    app.config.update(MAIL_BATCH_SIZE=50)
    add_rows(2000)
    with ScriptedSink() as sink:
        app.config["SMTP_PORT"] = sink_port(sink)
        db.session.remove()
        db.engine.dispose()
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        workers = [context.Process(target=_worker, args=(app, "campaign", results)) for _ in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(120)
        per_worker = [results.get(timeout=5) for _ in workers]
    assert sink.total == 2000 and sink.doubled == 0
    assert sum(per_worker) == 2000 and all(per_worker), per_worker  # both took part
    assert statuses() == {"sent": 2000}


def sink_port(behaviour) -> int:
    return behaviour.port


def test_a_server_that_drops_the_line_after_every_7th_message_gets_each_once(app):
    add_rows(50)
    with ScriptedSink() as sink:
        app.config["SMTP_PORT"] = sink_port(sink)
        sink.drop_every = 7
        outcome = delivery.deliver("campaign")
    assert outcome.sent == 50 and sink.total == 50 and sink.doubled == 0
    assert sink.connections >= 50 // 7  # it reconnected each time
    assert statuses() == {"sent": 50}


def test_one_connection_carries_many_messages(app):
    app.config.update(MAIL_MESSAGES_PER_CONNECTION=4)
    add_rows(10)
    with ScriptedSink() as sink:
        app.config["SMTP_PORT"] = sink_port(sink)
        delivery.deliver("campaign")
    assert sink.total == 10 and sink.connections == 3  # 4 + 4 + 2


def test_a_4xx_is_retried_when_its_row_says_even_after_the_worker_and_redis_are_gone(app, redis_connection,
                                                                                       monkeypatch, run_jobs):
    ids = add_rows(20, lane="transactional")
    mail_jobs.sweep()  # wakes the delivery as the commit would
    with ScriptedSink() as sink:
        app.config["SMTP_PORT"] = sink_port(sink)
        sink.temporary_failures = 1000  # greylisting: 451 for a while
        run_jobs()
        assert sink.total == 0
        rows = db.session.scalars(db.select(OutboxMessage).filter(OutboxMessage.id.in_(ids))).all()
        assert {row.status for row in rows} == {"created"}
        # Three 451s in a row and the batch stops: the rest wait as long, without an attempt counted.
        assert sorted(row.attempts for row in rows) == [0] * 17 + [1] * 3
        tried = [row for row in rows if row.attempts]
        assert all(timedelta(seconds=9.5) <= row.next_attempt_at - row.updated_at <= timedelta(seconds=10.5)
                   for row in tried)  # BACKOFF[0] after the attempt
        due = max(row.next_attempt_at for row in rows)

        # The worker that scheduled it dies and Redis is emptied: no RQ job or schedule is left.
        redis_connection.flushdb()
        sink.temporary_failures = 0
        assert mail_jobs.sweep() == 0  # not due yet: the sweep (every 2 s in the ticker) waits
        later = due + timedelta(seconds=1)
        monkeypatch.setattr(delivery, "utcnow", lambda: later)
        assert mail_jobs.sweep() == 1  # due now: woken by the row's own time, not a scheduler
        run_jobs()
    assert sink.total == 20 and sink.doubled == 0
    assert statuses() == {"sent": 20}


def test_a_5xx_fails_that_address_only_and_marks_it_undeliverable(app, make):
    bakery = make.enterprise()
    add_rows(5, enterprise_id=bakery.id, recipients=["goed@example.test", "FOUT@example.test", "ok@example.test"])
    with ScriptedSink() as sink:
        app.config["SMTP_PORT"] = sink_port(sink)
        sink.refuse = {"fout@example.test"}
        outcome = delivery.deliver("campaign")
    assert (outcome.sent, outcome.failed) == (3, 2) and sink.total == 3
    failed = db.session.scalars(db.select(OutboxMessage).filter_by(status="failed")).all()
    assert {m.recipient for m in failed} == {"FOUT@example.test"} and all(m.last_code == 550 for m in failed)
    assert list(addresses.undeliverable(bakery.id, ["fout@example.test", "goed@example.test"])) == ["fout@example.test"]


def test_a_worker_killed_mid_batch_leaves_rows_that_come_back_after_the_lease(app, monkeypatch):
    ids = add_rows(10)
    assert len(delivery.claim("campaign", 5)) == 5  # claimed, then the worker is killed
    assert delivery.release_abandoned() == 0  # within the lease: someone may still be sending them
    later = utcnow() + timedelta(seconds=app.config["MAIL_SENDING_LEASE"] + 1)
    monkeypatch.setattr(delivery, "utcnow", lambda: later)
    assert delivery.release_abandoned() == 5
    assert sorted(delivery.claim("campaign", 100)) == ids


def test_transactional_mail_goes_before_a_waiting_campaign(app):
    add_rows(300, lane="campaign")
    mail_jobs.sweep()
    confirmation = add_rows(1, lane="transactional")[0]
    mail_jobs.sweep()
    with ScriptedSink() as sink:
        app.config["SMTP_PORT"] = sink_port(sink)
        queues = [get_queue(name) for name in WORKER_QUEUES]
        SimpleWorker(queues, connection=queues[0].connection).work(burst=True, max_jobs=1, with_scheduler=False)
    assert sink.total == 1  # the one job the worker ran was the transactional lane's
    assert db.session.get(OutboxMessage, confirmation).status == "sent"
    assert statuses() == {"sent": 1, "created": 300}


def test_the_rate_limit_is_shared_through_redis_per_second_and_per_window(app, redis_connection):
    """Two limiters (two workers) on one Redis: together never more than the limit."""
    first = RateLimiter(redis_connection, per_second=3, window_messages=0, window_seconds=0)
    second = RateLimiter(redis_connection, per_second=3, window_messages=0, window_seconds=0)
    assert [first.wait(100.1), second.wait(100.2), first.wait(100.3)] == [0, 0, 0]
    assert second.wait(100.4) > 0.5  # the fourth waits for the next second
    assert first.wait(101.0) == 0  # a new second
    window = RateLimiter(redis_connection, per_second=0, window_messages=10, window_seconds=60)
    assert all(window.wait(600 + i) == 0 for i in range(10))
    assert window.wait(630) > 0  # 10 within the window already
    # Halfway through the next window, half of the previous one still counts: 5 more may go.
    assert [window.wait(690) for _ in range(6)] == [0] * 5 + [window.wait(690)]
    assert window.wait(690) > 0
