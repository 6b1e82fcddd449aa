"""E-mail leaves through the outbox and an RQ job, never inside the web request."""

import re
import smtplib
from datetime import datetime, timezone

import pytest

from portal.domain.measures import get_measure
from portal.extensions import db
from portal.mail import addresses, delivery
from portal.mail.outbox import queue_mail
from portal.models import OutboxMessage
from portal.templating import timestamp
from tests import support


@pytest.fixture
def message_factory(app, make):
    bakery = make.enterprise()
    user = make.user("tom", enterprise=bakery)

    def create(key="recht:1:toegekend"):
        message = queue_mail(dedupe_key=key, recipient=user.email, template="recht_toegekend", enterprise_id=bakery.id,
                             user=user, enterprise=bakery, measure=get_measure("im"), granted_by=user)
        db.session.commit()
        return message

    return create


def test_message_reaches_a_real_smtp_server_once(app, message_factory, smtp_sink, run_jobs):
    message = message_factory()
    assert smtp_sink() == []  # nothing is sent before a worker runs
    assert run_jobs() == 1
    received = smtp_sink()
    assert len(received) == 1
    assert received[0].message_id == message.message_id
    assert received[0].subject == "U hebt het recht voor Individueel maatwerk gekregen"
    assert "Wat nu?" in received[0].text
    db.session.refresh(message)
    assert message.status == "sent" and message.attempts == 1 and message.sent_at
    # Running the job again, or the sweeper, sends nothing new.
    from jobs import mail as mail_jobs

    assert mail_jobs.deliver("transactional") == "sent=0 retry=0 failed=0 released=0"
    assert mail_jobs.sweep() == 0  # no lane has anything due
    run_jobs()
    assert len(smtp_sink()) == 1


def test_same_occasion_never_creates_a_second_message(app, message_factory):
    assert message_factory("k") is not None
    assert message_factory("k") is None
    assert db.session.query(OutboxMessage).count() == 1


def test_rolled_back_change_enqueues_nothing(app, make):
    from portal.queue import get_queue

    bakery = make.enterprise()
    user = make.user("tom", enterprise=bakery)
    queue_mail(dedupe_key="x", recipient=user.email, template="recht_toegekend",
               user=user, enterprise=bakery, measure=get_measure("im"), granted_by=user)
    db.session.rollback()
    assert db.session.query(OutboxMessage).count() == 0
    assert get_queue().count == 0


def test_redis_down_at_commit_keeps_the_message_for_the_sweep(app, message_factory, monkeypatch, run_jobs):
    """The database row is the record: a Redis that is down when the change commits loses nothing."""
    from redis.exceptions import ConnectionError as RedisConnectionError

    from jobs import mail as mail_jobs
    from portal import queue

    real_get_queue = queue.get_queue

    def down():
        raise RedisConnectionError("Redis is down")

    monkeypatch.setattr(queue, "get_queue", down)
    monkeypatch.setattr(queue, "wake_delivery", lambda lane: down())
    message = message_factory()  # commits without raising
    assert db.session.get(OutboxMessage, message.id).status == "created"
    monkeypatch.undo()
    assert real_get_queue("loket-mail").count == 0
    assert mail_jobs.sweep() == 1  # the sweep (the ticker runs it every 2 s) finds the lane due
    assert real_get_queue("loket-mail").count == 1


def test_unreachable_server_leaves_the_message_for_a_retry(app, message_factory):
    app.config["SMTP_PORT"] = support.free_port()  # nobody listens there
    message = message_factory()
    outcome = delivery.deliver("transactional")
    assert (outcome.sent, outcome.retry) == (0, 1)
    db.session.refresh(message)
    assert message.status == "created" and message.attempts == 1 and message.last_error
    # The row itself says when to try again: 10 s later (BACKOFF), whichever worker looks then.
    wait = (message.next_attempt_at - message.updated_at).total_seconds()
    assert 9 <= wait <= 11
    assert delivery.claim("transactional", 10) == []  # not due yet


def test_permanent_refusal_marks_failed_without_retry(app, message_factory, monkeypatch):
    message = message_factory()

    def refuse(self, sender, recipient, raw):
        raise smtplib.SMTPDataError(550, b"mailbox unavailable")

    monkeypatch.setattr(delivery.Connection, "send", refuse)
    assert delivery.deliver("transactional").failed == 1
    db.session.refresh(message)
    assert message.status == "failed" and "550" in message.last_error and message.last_code == 550
    # The address is marked undeliverable for its enterprise: the dossier page asks to correct it.
    assert set(addresses.undeliverable(message.enterprise_id, [message.recipient])) == {message.recipient.lower()}


def test_staff_read_the_outbox_and_the_mail_sink(client, auth, make, message_factory, smtp_sink, run_jobs):
    message = message_factory()
    run_jobs()
    make.user("sofie", staff=True)
    auth.login("sofie")
    listing = client.get("/backoffice/e-mails").get_data(as_text=True)
    assert message.subject in listing and "verzonden" in listing
    mailbox = client.get("/backoffice/mailbox").get_data(as_text=True)
    sunk = smtp_sink()[0]
    assert f"/backoffice/mailbox/{sunk.key}" in mailbox
    body = client.get(f"/backoffice/mailbox/{sunk.key}").get_data(as_text=True)
    assert "DWSE Organisatieverantwoordelijke" in body
    # The Date header read as a moment and shown as every page shows one: Dutch, Belgian time.
    assert abs((datetime.now(timezone.utc).replace(tzinfo=None) - sunk.date).total_seconds()) < 120
    for page in (mailbox, body):
        assert f"<td>{timestamp(sunk.date)}</td>" in page or f"<dd>{timestamp(sunk.date)}</dd>" in page
        assert not re.search(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d", page)
