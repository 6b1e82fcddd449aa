"""Staff send one message to many applicants: preview, confirm, and an RQ job that writes one
outbox row per address (portal/services/campaigns.py). The rules of who receives it are unit-tested
in tests/test_bulk_rules.py."""

import re
from datetime import timedelta

import pytest

from jobs import campaigns as jobs
from portal.services import campaigns as bulk
from portal.extensions import db
from portal.models import BulkMessage, ChangeNotice, OutboxMessage, User
from portal.queue import get_queue
from tests import dossiers

FORM = {"subject": "Nieuwe\r\nbetaalkalender", "body": "Vanaf januari betalen wij de premies op de 20ste.\n<b>Let op</b>",
        "measure": "", "audience": "in_behandeling"}


@pytest.fixture
def setting(people):
    """Els follows two open dossiers of the bakery; Jan one of his company; one approved dossier."""
    bakery, cleaning, els, jan = people.bakery, people.cleaning, people.els, people.jan
    first = dossiers.submitted(bakery, els, email="els@bakkerij.test")
    second = dossiers.submitted(bakery, els, measure="vop", national_number="90021512370", name="An Claes",
                                email="ELS@bakkerij.test")
    third = dossiers.submitted(cleaning, jan, national_number="79052602785", name="Tom Wouters",
                               email="jan@schoonmaak.test")
    approved = dossiers.submitted(cleaning, jan, national_number="68010199953", name="Lies Peeters",
                                  email="lies@schoonmaak.test")
    approved.state, approved.admissibility = "goedgekeurd", "ontvankelijk"
    db.session.commit()
    get_queue().empty()  # no admissibility checks: the states above are the test's
    # The confirmations of these submissions are not what this test counts.
    db.session.execute(db.update(OutboxMessage).values(status="sent"))
    db.session.commit()
    return {"els": [first.number, second.number], "jan": third.number, "approved": approved}


def hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page).group(1)


def preview(client, **changes):
    response = client.post("/backoffice/berichten/nieuw", data={**FORM, **changes, "actie": "voorbeeld"})
    page = response.get_data(as_text=True)
    return response, page, {"token": hidden(page, "token"), "expected": hidden(page, "expected")}


def refused_preview(client, **changes) -> str:
    """A preview refused (422) for these changes to FORM: the page, with its errors."""
    response = client.post("/backoffice/berichten/nieuw", data={**FORM, **changes, "actie": "voorbeeld"})
    assert response.status_code == 422
    return response.get_data(as_text=True)


def bulk_mails():
    return list(db.session.scalars(db.select(OutboxMessage).filter(OutboxMessage.dedupe_key.startswith("bulk:"))
                                   .order_by(OutboxMessage.recipient)))


def test_staff_preview_confirm_and_each_address_gets_one_mail(client, auth, setting, run_jobs, smtp_sink):
    auth.login("sofie")
    response, page, seen = preview(client)
    assert response.status_code == 200
    assert "Dit bericht gaat naar <strong>2 ontvangers</strong>" in page
    assert "Beste Els Peeters" in page and ", ".join(setting["els"]) in page
    assert "lies@schoonmaak.test" not in page  # approved: not "in behandeling"

    sent = client.post("/backoffice/berichten/nieuw", data={**FORM, **seen, "confirm": "y", "actie": "versturen"})
    assert sent.status_code == 303
    message = db.session.scalar(db.select(BulkMessage))
    assert message.subject == "Nieuwe betaalkalender" and message.status == "gepland"
    run_jobs()  # the fan-out, then the deliveries it enqueued
    run_jobs()

    els_mail, jan_mail = bulk_mails()
    assert (els_mail.recipient, jan_mail.recipient) == ("els@bakkerij.test", "jan@schoonmaak.test")
    assert all(number in els_mail.body_text for number in setting["els"])
    assert setting["jan"] in jan_mail.body_text and not any(n in jan_mail.body_text for n in setting["els"])
    assert "&lt;b&gt;Let op&lt;/b&gt;" in els_mail.body_html and "<b>Let op</b>" in els_mail.body_text
    assert sorted((m.recipient, m.subject) for m in smtp_sink()) == [
        ("els@bakkerij.test", "Nieuwe betaalkalender"), ("jan@schoonmaak.test", "Nieuwe betaalkalender")]
    db.session.refresh(message)
    assert (message.status, message.recipients) == ("aangemaakt", 2)
    detail = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "<dt>Verzonden</dt><dd>2</dd>" in detail and "data-hx-get" not in detail  # done: no more polling

    again = client.post("/backoffice/berichten/nieuw", data={**FORM, **seen, "confirm": "y", "actie": "versturen"})
    assert again.headers["Location"] == sent.headers["Location"]
    run_jobs()
    assert len(bulk_mails()) == 2 and db.session.query(BulkMessage).count() == 1
    assert "al verstuurd" not in client.get(again.headers["Location"]).get_data(as_text=True)


def test_sending_needs_the_confirmation_and_the_message_previewed(client, auth, setting):
    auth.login("sofie")
    _, _, seen = preview(client)
    unconfirmed = client.post("/backoffice/berichten/nieuw", data={**FORM, **seen, "actie": "versturen"})
    assert unconfirmed.status_code == 422
    page = unconfirmed.get_data(as_text=True)
    assert "Vink aan dat u het voorbeeld" in page and "Vanaf januari betalen wij" in page  # nothing lost

    edited = client.post("/backoffice/berichten/nieuw", data={
        **FORM, **seen, "body": "Een andere tekst", "confirm": "y", "actie": "versturen"})
    assert edited.status_code == 422
    assert "is veranderd sinds het voorbeeld" in edited.get_data(as_text=True)
    assert db.session.query(BulkMessage).count() == 0

    empty = client.post("/backoffice/berichten/nieuw", data={"subject": "", "body": "", "actie": "voorbeeld"})
    assert empty.status_code == 422
    assert "Vul het onderwerp" in empty.get_data(as_text=True) and "Kies aan wie" in empty.get_data(as_text=True)


def test_nobody_to_send_to_is_said_next_to_the_choice(client, auth, setting):
    auth.login("sofie")
    assert "niemand zou het bericht krijgen" in refused_preview(client, measure="vop", audience="lopende_premie")


def test_the_reported_contact_person_receives_it(client, auth, setting, run_jobs):
    """seed 003_cf4b65171622c691.txt, step 7: a reported new contact person gets the dossier's mail."""
    approved = setting["approved"]
    db.session.add(ChangeNotice(application_id=approved.id, enterprise_id=approved.enterprise_id,
                                kind="contactpersoon", details={"name": "Mira Lenaerts", "email": "mira@schoonmaak.test"},
                                reported_by_id=approved.created_by_id))
    db.session.commit()
    found = bulk.recipients("", "lopende_premie")
    assert [(r.email, r.name, r.numbers) for r in found] == [("mira@schoonmaak.test", "Mira Lenaerts", [approved.number])]


def test_a_fan_out_cut_off_halfway_resumes_without_sending_twice(app, setting, monkeypatch):
    sofie = db.session.scalar(db.select(User).filter_by(subject="sofie"))
    message, _ = bulk.create(subject="Betaalkalender", body="Tekst", measure="", audience="alle", token="t1",
                             user=sofie)
    message.created_at -= timedelta(hours=1)
    db.session.commit()
    real, calls = bulk.queue_mail, []

    def dies_at_the_second(**kwargs):
        calls.append(kwargs["recipient"])
        if len(calls) == 2:
            raise ConnectionError("worker killed")
        return real(**kwargs)

    monkeypatch.setattr(bulk, "BATCH", 1)
    monkeypatch.setattr(bulk, "queue_mail", dies_at_the_second)
    with pytest.raises(ConnectionError):
        bulk.fan_out(message.id)
    db.session.rollback()
    assert len(bulk_mails()) == 1 and bulk.stale() == [message.id]
    get_queue().empty()
    assert jobs.sweep() == 1 and get_queue().job_ids == [f"bulk-{message.id}"]  # the sweep picks it up

    monkeypatch.setattr(bulk, "queue_mail", real)
    assert bulk.fan_out(message.id) == 3  # els, jan, lies: "alle"
    assert len(bulk_mails()) == 3 and bulk.stale() == []
    assert bulk.fan_out(message.id) == 0  # done: a late retry writes nothing


def test_employers_cannot_reach_the_messages(client, auth, setting):
    auth.login("els")
    assert client.get("/backoffice/berichten").status_code == 403
    assert client.post("/backoffice/berichten/nieuw", data={**FORM, "actie": "voorbeeld"}).status_code == 403


def error_next_to(page: str, field_id: str) -> str:
    """The error printed next to one field (empty when there is none)."""
    found = re.search(rf'<p class="field-error" id="{field_id}-fout">(.*?)</p>', page, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)) if found else ""


def test_a_planned_moment_left_empty_is_refused_next_to_it_and_nothing_is_sent(client, auth, setting):
    """'Op een gepland moment' without 'Gepland op' sent at once; now it is refused, on preview
    and on sending, keeping what was entered."""
    auth.login("sofie")
    planned = {"when": "gepland", "send_at": ""}
    page = refused_preview(client, **planned)
    assert "Vul de datum en het uur in" in error_next_to(page, "send_at")
    assert "Vanaf januari betalen wij" in page
    assert re.search(r'<input checked[^>]*value="gepland"', page)  # the choice is kept

    _, _, seen = preview(client)  # a preview to send now, then the choice changed to a planned moment
    sent = client.post("/backoffice/berichten/nieuw", data={**FORM, **seen, **planned, "confirm": "y",
                                                           "actie": "versturen"})
    assert sent.status_code == 422
    assert "Vul de datum en het uur in" in error_next_to(sent.get_data(as_text=True), "send_at")
    assert db.session.query(BulkMessage).count() == 0


def test_a_planned_moment_in_the_past_is_refused_next_to_it(client, auth, setting):
    auth.login("sofie")
    page = refused_preview(client, when="gepland", send_at="2020-01-01T09:00")
    assert "in het verleden" in error_next_to(page, "send_at")
    assert 'value="2020-01-01T09:00"' in page  # kept
    assert db.session.query(BulkMessage).count() == 0


def test_an_unknown_merge_field_in_the_subject_is_refused_next_to_it(client, auth, setting):
    auth.login("sofie")
    page = refused_preview(client, subject="Hallo {voornaam} {")
    assert "{voornaam} kent het loket niet" in error_next_to(page, "subject")
    assert error_next_to(page, "body") == ""
    assert 'value="Hallo {voornaam} {"' in page  # kept
    assert "Voorbeeld</h2>" not in page


def test_a_known_merge_field_in_the_subject_is_filled_in_per_recipient(client, auth, setting, run_jobs):
    auth.login("sofie")
    response, page, seen = preview(client, subject="Uw premie, {naam}")
    assert response.status_code == 200
    assert "<strong>Onderwerp:</strong> Uw premie, Els Peeters" in page
    sent = client.post("/backoffice/berichten/nieuw", data={**FORM, **seen, "subject": "Uw premie, {naam}",
                                                           "confirm": "y", "actie": "versturen"})
    assert sent.status_code == 303
    run_jobs()
    mails = bulk_mails()
    assert len(mails) == 2 and all("{naam}" not in m.subject for m in mails)
    assert mails[0].subject == "Uw premie, Els Peeters"  # els@bakkerij.test's contact person


def test_a_double_click_on_send_lands_both_on_the_same_notice_and_sends_once(client, auth, setting):
    auth.login("sofie")
    _, _, seen = preview(client)
    data = {**FORM, **seen, "confirm": "y", "actie": "versturen"}
    first = client.post("/backoffice/berichten/nieuw", data=data)
    second = client.post("/backoffice/berichten/nieuw", data=data)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    page = client.get(second.headers["Location"]).get_data(as_text=True)
    assert "Het bericht wordt verstuurd." in page and "al verstuurd" not in page
    assert db.session.query(BulkMessage).count() == 1
