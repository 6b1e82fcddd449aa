"""The werkondersteuningspakket on a dossier (seed 004_a9eebd248ec7c11d.txt) through the test client
without JavaScript: the package named, the correction window, and the evaluation the employee
co-signs through a single-use, expiring link; today is 23 November 2026."""

import io
import re
from datetime import date, datetime


from portal.extensions import db
from portal.models import DossierEvent, OutboxMessage, User, WopRequest
from portal.services.dossiers import actions, wop_requests
from tests import dossiers

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _running(people, hired=date(2024, 1, 8)):
    dossiers.reference(start=hired)
    return dossiers.approved(people.bakery, people.els, date(2025, 10, 1), date(2030, 9, 30))


def _file(client, application, **changes):
    data = {"reason": "derde_jaar", "motivation": "Pieter heeft meer begeleiding nodig.", "pop_on": "2026-06-01",
            "employee_email": "pieter.wouters@telenet.be", "wop_pop": (io.BytesIO(PDF), "POP Pieter.pdf"),
            "wop_motivatieverslag": (io.BytesIO(PDF), "motivatieverslag.pdf"), **changes}
    return client.post(f"/dossiers/{application.id}/wop-evaluatie", data=data, content_type="multipart/form-data")


def _link(number=1) -> str:
    mail = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.dedupe_key.like(f"wop:%:link:{number}")))
    return re.search(r"http://\S+/ondertekenen/\S+", mail.body_text).group(0).split("5000", 1)[-1]


def test_the_dossier_page_and_the_decision_mail_name_the_package(client, auth, people):
    """seed 004: an individueel-maatwerk dossier takes its percentage and guidance from the package."""
    dossiers.reference(package="WOP 1", start=date(2026, 10, 5))
    application = dossiers.submitted(people.bakery, people.els)
    terms = actions.proposal(application)
    assert terms.percentage == 60 and terms.max_percentage == 60
    actions.declare_admissible(application, people.sofie, None)
    actions.approve(application, people.sofie, 60, terms.dates.begin, terms.dates.end, None)
    assert application.dossier.wop_package == "WOP 1"
    mail = db.session.scalar(db.select(OutboxMessage).filter_by(dedupe_key=f"dossier:{application.id}:beslissing"))
    assert "Werkondersteuningspakket van VDAB: WOP 1 (PmAH zwak): loonpremie 60%, begeleiding hoog" in mail.body_text
    auth.login("els")
    page = client.get(f"/dossiers/{application.id}").get_data(as_text=True)
    assert "WOP 1 (PmAH zwak): loonpremie 60%, begeleiding hoog" in page


def test_a_correction_within_eight_weeks_and_refused_after(client, auth, people):
    """seed 004: "Dit kan tot 8 weken na aanwerving": hired 28 September 2026, so until 23 November."""
    dossiers.reference(start=date(2026, 9, 28))
    application = dossiers.submitted(people.bakery, people.els)
    auth.login("els")
    page = client.get(f"/dossiers/{application.id}").get_data(as_text=True)
    assert "tot en met 23 november 2026" in page and "Correctie vragen" in page
    response = client.post(f"/dossiers/{application.id}/wop-correctie", data={"motivation": ""})
    assert response.status_code == 422 and "Schrijf waarom het werkondersteuningspakket niet klopt." in response.get_data(as_text=True)
    response = client.post(f"/dossiers/{application.id}/wop-correctie", data={"motivation": "Attest BUSO OV2."})
    assert response.status_code == 303
    row = db.session.scalar(db.select(WopRequest))
    assert row.kind == "correctie" and row.sent_to_vdab_at is not None and row.package == "WOP 3"
    page = client.get(f"/dossiers/{application.id}").get_data(as_text=True)
    assert "loopt al een vraag tot correctie" in page and ">Correctie vragen<" not in page
    assert client.post(f"/dossiers/{application.id}/wop-correctie", data={"motivation": "Nog eens."}).status_code == 303
    assert db.session.scalar(db.select(db.func.count(WopRequest.id))) == 1
    client.application.config["LOKET_TODAY"] = "2026-11-24"
    page = client.get(f"/dossiers/{application.id}").get_data(as_text=True)
    assert "de termijn liep af op 23/11/2026" in page
    response = client.get(f"/dossiers/{application.id}/wop-correctie")
    assert response.status_code == 303


def test_the_evaluation_is_refused_next_to_its_fields_and_keeps_what_was_typed(client, auth, people):
    """seed 004: from the third year (hired 1 March 2025: from 1 March 2027), a POP at most a year old."""
    application = _running(people, hired=date(2025, 3, 1))
    auth.login("els")
    response = _file(client, application, pop_on="2025-11-22")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "vanaf het derde jaar tewerkstelling: vanaf 01/03/2027" in page
    assert "Het POP van 22/11/2025 is ouder dan een jaar." in page
    assert "Pieter heeft meer begeleiding nodig." in page and 'value="pieter.wouters@telenet.be"' in page
    assert db.session.scalar(db.select(WopRequest)) is None
    assert _file(client, application, reason="doorstroom", pop_on="2025-11-23").status_code == 303


def test_the_employee_signs_once_and_then_it_reaches_vdab(client, app, auth, people):
    """seed 004: "moet de werknemer steeds deze aanvraag mee ondertekenen"; the link works once."""
    application = _running(people)
    auth.login("els")
    assert _file(client, application).status_code == 303
    row = db.session.scalar(db.select(WopRequest))
    assert row.sent_to_vdab_at is None and row.token_hash and len(row.token_hash) == 64
    link = _link()
    assert row.token_hash not in link  # only the hash is stored, never the token
    page = client.get(f"/dossiers/{application.id}").get_data(as_text=True)
    assert "Nog niet ondertekend" in page and "Nieuwe link naar de werknemer sturen" in page
    anonymous = app.test_client()
    page = anonymous.get(link)
    assert page.status_code == 200 and page.headers["Referrer-Policy"] == "no-referrer"
    assert "Pieter heeft meer begeleiding nodig." in page.get_data(as_text=True)
    refused = anonymous.post(link, data={"name": ""})
    assert refused.status_code == 422 and "Vul uw naam in om te ondertekenen." in refused.get_data(as_text=True)
    signed = anonymous.post(link, data={"name": "Pieter Wouters", "agree": "y"})
    assert signed.status_code == 200 and "De aanvraag is nu bij VDAB." in signed.get_data(as_text=True)
    db.session.refresh(row)
    assert row.signed_name == "Pieter Wouters" and row.sent_to_vdab_at is not None
    again = anonymous.post(link, data={"name": "Pieter Wouters", "agree": "y"})
    assert again.status_code == 410 and "Deze link werd al gebruikt" in again.get_data(as_text=True)
    assert anonymous.get(link).status_code == 410
    page = client.get(f"/dossiers/{application.id}").get_data(as_text=True)
    assert "Ondertekend door Pieter Wouters" in page and "Nieuwe link" not in page
    assert db.session.scalar(db.select(DossierEvent).filter_by(action="wop_ondertekend")) is not None
    told = db.session.scalar(db.select(OutboxMessage).filter_by(dedupe_key=f"dossier:{application.id}:wop:{row.id}:ondertekend"))
    assert told.recipient == "contact@bedrijf.test" and "De aanvraag is nu bij VDAB." in told.body_text


def test_a_new_link_replaces_the_old_one_and_a_link_expires(client, app, auth, people):
    """The employer resends the link (the old one stops working); a link works 14 days."""
    application = _running(people)
    auth.login("els")
    _file(client, application)
    row = db.session.scalar(db.select(WopRequest))
    old = _link(1)
    assert client.post(f"/dossiers/{application.id}/wop/{row.id}/nieuwe-link").status_code == 303
    new = _link(2)
    anonymous = app.test_client()
    gone = anonymous.get(old)
    assert gone.status_code == 404 and "alleen de link in de laatste e-mail werkt" in gone.get_data(as_text=True)
    assert anonymous.get(new).status_code == 200
    app.config["LOKET_TODAY"] = "2026-12-08"  # 15 days later
    expired = anonymous.post(new, data={"name": "Pieter Wouters", "agree": "y"})
    assert expired.status_code == 410 and "Deze link is verlopen" in expired.get_data(as_text=True)
    assert db.session.scalar(db.select(WopRequest)).signed_at is None
    assert anonymous.get("/ondertekenen/onzin").status_code == 404


def test_another_enterprise_cannot_see_or_resend(client, auth, people):
    application = _running(people)
    auth.login("els")
    _file(client, application)
    row = db.session.scalar(db.select(WopRequest))
    auth.login("jan")
    assert client.post(f"/dossiers/{application.id}/wop/{row.id}/nieuwe-link").status_code == 404
    assert client.get(f"/dossiers/{application.id}/wop-evaluatie").status_code == 404


def test_a_refused_request_shows_the_hoc_and_the_labour_court_term(client, auth, people):
    """seed 004: "Niet akkoord?": reconsideration (HOC), then the labour court within two months of
    the registered letter; VDAB decides within 20 days of the workplace talk."""
    application = _running(people)
    auth.login("els")
    _file(client, application, reason="medisch")
    row = db.session.scalar(db.select(WopRequest))
    sofie = db.session.scalar(db.select(User).filter_by(subject="sofie"))
    wop_requests.record_outcome(row, sofie, "geweigerd", date(2026, 10, 1), date(2026, 10, 15))
    page = client.get(f"/dossiers/{application.id}").get_data(as_text=True)
    assert "VDAB beslist uiterlijk op 21 oktober 2026" in page
    assert "heroverwegingscommissie (HOC)" in page and "tot en met 15 december 2026" in page


def test_staff_record_vdabs_outcome_and_the_employer_reads_the_terms(client, auth, people):
    """seed 004: staff record the workplace talk, VDAB's refusal and its registered letter; the outcome
    is refused without the letter's date, next to the field."""
    dossiers.reference(start=date(2026, 9, 28))
    application = dossiers.submitted(people.bakery, people.els)
    auth.login("els")
    client.post(f"/dossiers/{application.id}/wop-correctie", data={"motivation": "Attest BUSO OV2."})
    row = db.session.scalar(db.select(WopRequest))
    row.created_at = datetime(2026, 9, 30, 9)  # asked before the talk of 1 October (seed 004)
    db.session.commit()
    auth.login("sofie")
    page = client.get(f"/backoffice/dossiers/{application.id}").get_data(as_text=True)
    assert "Werkondersteuningspakket: vragen aan VDAB" in page and "Uitkomst registreren" in page
    queue = client.get("/backoffice/dossiers/", query_string={"wijziging": "wop"}).get_data(as_text=True)
    assert application.number in queue
    url = f"/backoffice/dossiers/{application.id}/wop/{row.id}/uitkomst"
    refused = client.post(url, data={"outcome": "geweigerd", "talk_on": "2026-10-01"})
    assert refused.status_code == 422 and "Vul de datum van de brief in." in refused.get_data(as_text=True)
    assert client.post(url, data={"outcome": "geweigerd", "talk_on": "2026-10-01", "letter_on": "2026-10-15"}).status_code == 303
    db.session.refresh(row)
    assert (row.outcome, row.letter_on) == ("geweigerd", date(2026, 10, 15))
    queue = client.get("/backoffice/dossiers/", query_string={"wijziging": "wop"}).get_data(as_text=True)
    assert application.number not in queue
    auth.login("els")
    page = client.get(f"/dossiers/{application.id}").get_data(as_text=True)
    assert "VDAB weigerde de aanvraag" in page and "tot en met 15 december 2026" in page


def field_error(page: str, field_id: str) -> str:
    found = re.search(rf'<p class="field-error" id="{field_id}-fout">(.*?)</p>', page, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)) if found else ""


def test_a_talk_or_letter_in_the_future_or_before_the_request_is_refused_next_to_it(client, auth, people):
    """seed 004_a9eebd248ec7c11d.txt: VDAB comes for the workplace talk after the request and decides
    after the talk, by letter; the labour court's two months run from that letter. A talk on
    1 June 2027 and a letter of 2020 (before the request) were accepted, and the employer's page
    computed the labour court's term from 2020."""
    dossiers.reference(start=date(2026, 9, 28))
    application = dossiers.submitted(people.bakery, people.els)
    auth.login("els")
    client.post(f"/dossiers/{application.id}/wop-correctie", data={"motivation": "Attest BUSO OV2."})
    row = db.session.scalar(db.select(WopRequest))
    row.created_at = datetime(2026, 10, 20, 9)  # 20 October; today is 23 November 2026
    db.session.commit()
    auth.login("sofie")
    url = f"/backoffice/dossiers/{application.id}/wop/{row.id}/uitkomst"

    refused = client.post(url, data={"outcome": "geweigerd", "talk_on": "2027-06-01", "letter_on": "2020-01-01"})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "ligt in de toekomst" in field_error(page, f"talk_on-{row.id}")
    assert "vóór de vraag aan VDAB van 20/10/2026" in field_error(page, f"letter_on-{row.id}")
    assert 'value="2027-06-01"' in page and 'value="2020-01-01"' in page  # kept

    early = client.post(url, data={"outcome": "geweigerd", "talk_on": "2026-10-01", "letter_on": "2026-11-30"})
    page = early.get_data(as_text=True)
    assert early.status_code == 422
    assert "vóór de vraag aan VDAB van 20/10/2026" in field_error(page, f"talk_on-{row.id}")
    assert "ligt in de toekomst" in field_error(page, f"letter_on-{row.id}")

    before_talk = client.post(url, data={"outcome": "geweigerd", "talk_on": "2026-11-10", "letter_on": "2026-11-05"})
    assert before_talk.status_code == 422
    assert "vóór het gesprek op de werkvloer van 10/11/2026" in field_error(
        before_talk.get_data(as_text=True), f"letter_on-{row.id}")
    db.session.refresh(row)
    assert row.outcome is None

    assert client.post(url, data={"outcome": "geweigerd", "talk_on": "2026-11-10",
                                  "letter_on": "2026-11-23"}).status_code == 303
    db.session.refresh(row)
    assert (row.outcome, row.talk_on, row.letter_on) == ("geweigerd", date(2026, 11, 10), date(2026, 11, 23))
