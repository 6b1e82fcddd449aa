"""Campaigns staff can steer: filtered audiences with merge fields, a planned moment, pause,
resume, cancel, the failed ones sent again, and a campaign that pauses itself when too many of
its e-mails are refused. Delivered by the real delivery jobs to a real SMTP server."""

import re
from datetime import date, timedelta

import pytest

from jobs import campaigns as campaign_jobs
from portal.extensions import db
from portal.mail import delivery
from portal.models import BulkMessage, OutboxMessage
from portal.queue import get_queue
from portal.services import campaigns
from portal.services.campaigns import Filters
from tests import dossiers
from tests.smtp import ScriptedSink
from tests.support import statements
from tests.test_delivery import add_rows


@pytest.fixture
def cast(people):
    """Three dossiers: two of the bakery (one approved, running until 2031), one of the cleaner."""
    bakery, cleaning = people.bakery, people.cleaning
    running = dossiers.submitted(bakery, people.els, email="els@bakkerij.test")
    running.state, running.admissibility = "goedgekeurd", "ontvankelijk"
    running.dossier.begin, running.dossier.end = date(2026, 4, 1), date(2031, 3, 31)
    waiting = dossiers.submitted(bakery, people.els, measure="vop", national_number="90021512370", name="An Claes",
                                 email="els@bakkerij.test")
    other = dossiers.submitted(cleaning, people.jan, national_number="79052602785", name="Tom Wouters",
                               email="jan@schoonmaak.test")
    db.session.execute(db.update(OutboxMessage).values(status="sent"))  # the confirmations are not counted here
    db.session.commit()
    get_queue().connection.flushdb()  # no admissibility checks or deliveries waiting: the states above are the test's
    return {"running": running, "waiting": waiting, "other": other, "sofie": people.sofie}


def campaign(cast, *, filters=Filters(), body="Beste {naam}, uw premie loopt tot {einddatum}.", send_at=None,
             audience="alle", token="t1"):
    message, _ = campaigns.create(subject="Betaalkalender", body=body, measure="", audience=audience, token=token,
                                  user=cast["sofie"], filters=filters, send_at=send_at)
    return message


def with_rows(message, count: int) -> list[int]:
    """`count` more e-mails of this campaign (before its fan-out, which counts them as recipients)."""
    rows = add_rows(count, lane="campaign")
    db.session.execute(db.update(OutboxMessage).where(OutboxMessage.id.in_(rows)).values(campaign_id=message.id))
    db.session.commit()
    return rows


def list_agrees() -> None:
    """The list of campaigns derives its figures (sent = the total less the open and cancelled
    ones); they must be the very counts of the campaigns' e-mails, in every state."""
    rows = campaigns.listing()
    assert rows
    for message, found in rows:
        full = campaigns.progress(message)
        if message.status == "gepland":  # being written: the list shows no figures
            full.pop("sent", None)
        assert found == full, message.subject


def test_filters_choose_the_recipients_and_merge_fields_fill_in_each_one(app, cast, smtp_sink, run_jobs):
    only_bakery = Filters(enterprise_id=cast["running"].enterprise_id, end_from=date(2030, 1, 1))
    message = campaign(cast, filters=only_bakery)
    run_jobs()  # fan-out
    run_jobs()  # delivery
    received = smtp_sink()
    assert [m.recipient for m in received] == ["els@bakkerij.test"]
    assert "uw premie loopt tot 31/03/2031." in received[0].text  # {einddatum} of the one running dossier
    assert cast["running"].number in received[0].text and cast["waiting"].number not in received[0].text
    assert campaigns.describe_filters(message) == ["Einddatum vanaf 01/01/2030", "Alleen Bakkerij Peeters NV"]


def test_a_planned_campaign_waits_for_its_moment(app, cast, monkeypatch, smtp_sink, run_jobs):
    moment = campaigns.now() + timedelta(hours=2)
    message = campaign(cast, send_at=moment)
    assert get_queue().count == 0 and campaigns.stale() == []
    assert campaigns.fan_out(message.id) == 0  # too early, even if a job runs
    assert campaigns.state(message, {}) == "gepland"
    later = moment + timedelta(seconds=1)
    monkeypatch.setattr(campaigns, "now", lambda: later)
    assert campaigns.stale() == [message.id]
    assert campaign_jobs.sweep() == 1  # the ticker's sweep enqueues it when its moment has come
    run_jobs()
    run_jobs()
    assert len(smtp_sink()) == 2  # els and jan, one e-mail per address


def test_pause_resume_cancel_and_send_the_failed_ones_again(app, cast, run_jobs):
    message = campaign(cast)
    extra = add_rows(20, lane="campaign")
    db.session.execute(db.update(OutboxMessage).where(OutboxMessage.id.in_(extra)).values(campaign_id=message.id))
    db.session.commit()
    assert campaigns.fan_out(message.id) == 22  # 2 more rows
    assert campaigns.pause(message) == 22
    with ScriptedSink() as sink:
        app.config["SMTP_PORT"] = sink.port
        run_jobs()
        assert sink.total == 0  # paused: nothing leaves
        assert campaigns.state(message, campaigns.progress(message)) == "gepauzeerd"
        list_agrees()

        app.config["MAIL_BATCH_SIZE"] = 5
        assert campaigns.resume(message) == 22
        delivery.deliver("campaign", batches=2)  # ten leave, then staff cancel the rest
        assert campaigns.cancel(message) == 12
        run_jobs()
        assert sink.total == 10
        assert campaigns.progress(message) == {"sent": 10, "cancelled": 12}
        list_agrees()
        assert campaigns.allowed_actions(message, campaigns.progress(message)) == []


def test_the_failed_ones_are_sent_again_when_staff_ask(app, cast, run_jobs):
    message = campaign(cast)
    with ScriptedSink() as sink:
        app.config["SMTP_PORT"] = sink.port
        sink.refuse = {"jan@schoonmaak.test"}
        run_jobs()
        assert campaigns.progress(message) == {"sent": 1, "failed": 1}
        assert "opnieuw" in campaigns.allowed_actions(message, campaigns.progress(message))
        list_agrees()
        sink.refuse = set()  # the address was corrected at the provider
        assert campaigns.retry_failed(message) == 1
        list_agrees()
        run_jobs()
    assert campaigns.progress(message) == {"sent": 2}
    list_agrees()
    assert sorted(sink.recipients) == ["els@bakkerij.test", "jan@schoonmaak.test"]


def test_a_campaign_pauses_itself_when_too_many_are_refused_and_says_why(app, cast, run_jobs):
    app.config.update(CAMPAIGN_FAILURE_MIN_SAMPLE=10, CAMPAIGN_MAX_FAILURE_RATE=0.2, MAIL_BATCH_SIZE=10)
    message = campaign(cast, audience="in_behandeling")
    rows = add_rows(40, lane="campaign", recipients=[f"ok{i}@example.test" for i in range(3)] + ["weg@example.test"])
    db.session.execute(db.update(OutboxMessage).where(OutboxMessage.id.in_(rows)).values(campaign_id=message.id))
    db.session.commit()
    with ScriptedSink() as sink:
        app.config["SMTP_PORT"] = sink.port
        sink.refuse = {"weg@example.test"}
        run_jobs()
    db.session.refresh(message)
    found = campaigns.progress(message)
    assert message.paused_at is not None and found["failed"] / (found["failed"] + found["sent"]) > 0.2
    assert re.match(r"Automatisch gepauzeerd: \d+ van de \d+ e-mails werden geweigerd", message.paused_reason)
    assert found.get("paused", 0) > 0 and sink.total < 40  # it stopped before burning through the list
    list_agrees()


def test_staff_steer_a_campaign_with_plain_posts(client, auth, app, cast, run_jobs):
    message = campaign(cast)
    campaigns.fan_out(message.id)
    auth.login("sofie")
    page = client.get(f"/backoffice/berichten/{message.id}").get_data(as_text=True)
    assert "Stand: <strong>bezig</strong>" in page and ">Pauzeren</button>" in page
    response = client.post(f"/backoffice/berichten/{message.id}/pauzeren")
    assert response.status_code == 303
    page = client.get(f"/backoffice/berichten/{message.id}").get_data(as_text=True)
    assert "Stand: <strong>gepauzeerd</strong>" in page and ">Hervatten</button>" in page and "data-hx-get" not in page
    client.post(f"/backoffice/berichten/{message.id}/annuleren")
    page = client.get(f"/backoffice/berichten/{message.id}").get_data(as_text=True)
    assert "Stand: <strong>geannuleerd</strong>" in page and "Pauzeren" not in page
    # A cancelled campaign cannot be resumed.
    client.post(f"/backoffice/berichten/{message.id}/hervatten")
    db.session.refresh(message)
    assert message.cancelled_at and campaigns.progress(message) == {"cancelled": 2}


def test_the_list_of_campaigns_costs_the_same_queries_for_2_or_12(client, auth, app, cast):
    from sqlalchemy import event

    auth.login("sofie")
    statements = []

    def count(*args):
        statements.append(1)

    def queries() -> int:
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get("/backoffice/berichten").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(statements)

    for i in range(2):
        campaign(cast, token=f"a{i}")
    few = queries()
    for i in range(10):
        campaign(cast, token=f"b{i}")
    assert queries() == few
    assert db.session.scalar(db.select(db.func.count()).select_from(BulkMessage)) == 12


def test_the_list_of_campaigns_costs_the_same_queries_for_2_or_200_emails(client, auth, app, cast):
    """The list's cost must not grow with the e-mails of its campaigns (one to every dossier): the
    same statements for 2 e-mails as for 200, and none of them reads the sent ones."""
    auth.login("sofie")

    def page() -> list[str]:
        with statements(db.engine) as sent:
            assert client.get("/backoffice/berichten").status_code == 200
        return list(sent)

    small = campaign(cast, token="klein")
    campaigns.fan_out(small.id)  # els and jan
    few = page()
    large = campaign(cast, token="groot")
    rows = with_rows(large, 198)
    assert campaigns.fan_out(large.id) == 200
    db.session.execute(db.update(OutboxMessage).where(OutboxMessage.id.in_(rows[:150])).values(status="sent"))
    db.session.commit()
    many = page()
    assert len(many) == len(few)
    outbox = [statement for statement in many if "outbox_message" in statement]
    assert outbox and all("outbox_message.status IN" in statement for statement in outbox)


def test_the_list_shows_what_became_of_every_email(client, auth, app, cast):
    """Sent, refused, paused and cancelled e-mails: the list's figures are their counts."""
    message = campaign(cast)
    rows = with_rows(message, 30)
    assert campaigns.fan_out(message.id) == 32
    db.session.execute(db.update(OutboxMessage).where(OutboxMessage.id.in_(rows[:10])).values(status="sent"))
    db.session.execute(db.update(OutboxMessage).where(OutboxMessage.id.in_(rows[10:15])).values(status="failed"))
    db.session.execute(db.update(OutboxMessage).where(OutboxMessage.id.in_(rows[15:18])).values(status="sending"))
    db.session.commit()
    assert campaigns.pause(message) == 14  # the two of the cast and twelve more
    list_agrees()
    assert campaigns.cancel(message) == 14
    db.session.refresh(message)
    assert message.cancelled_count == 14
    list_agrees()
    auth.login("sofie")
    listing = client.get("/backoffice/berichten").get_data(as_text=True)
    assert "10 van 32, <strong>5 mislukt</strong>" in listing and "geannuleerd" in listing


def test_staff_get_one_daily_digest_of_failed_and_stuck_mail(app, cast, monkeypatch, smtp_sink, run_jobs):
    from jobs import mail as mail_jobs
    from portal.services import mail_report

    message = campaign(cast)
    campaigns.fan_out(message.id)
    db.session.execute(db.update(OutboxMessage).where(OutboxMessage.campaign_id == message.id)
                       .values(status="failed", last_code=550, last_error="550 Mailbox unavailable"))
    db.session.commit()
    morning = campaigns.now().replace(hour=8)
    monkeypatch.setattr(mail_report, "now", lambda: morning)
    assert mail_jobs.sweep_digest() == 1  # sofie, the one staff member
    assert mail_jobs.sweep_digest() == 0  # once a day, however often the sweep runs
    run_jobs()
    digest = [m for m in smtp_sink() if m.subject.startswith("WSE-loket: e-mails die aandacht vragen")]
    assert len(digest) == 1 and digest[0].recipient == cast["sofie"].email
    assert '2 × fout 550 (bericht "Betaalkalender")' in digest[0].text
    assert "/backoffice/e-mails?status=failed" in digest[0].text


def test_the_failures_page_filters_by_campaign_and_error(client, auth, app, cast):
    first, second = campaign(cast, token="x1"), campaign(cast, token="x2")
    for message in (first, second):
        campaigns.fan_out(message.id)
    db.session.execute(db.update(OutboxMessage).where(OutboxMessage.campaign_id == first.id)
                       .values(status="failed", last_code=550, last_error="550 Mailbox unavailable"))
    db.session.commit()
    auth.login("sofie")
    page = client.get(f"/backoffice/e-mails?status=failed&bericht={first.id}").get_data(as_text=True)
    assert page.count("550 Mailbox unavailable") == 2 and "els@bakkerij.test" in page
    page = client.get(f"/backoffice/e-mails?status=failed&bericht={second.id}").get_data(as_text=True)
    assert "Geen e-mails voor deze filter." in page
    page = client.get("/backoffice/e-mails?fout=451").get_data(as_text=True)
    assert "Geen e-mails voor deze filter." in page
