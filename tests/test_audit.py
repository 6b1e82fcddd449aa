"""The audit trail (portal/services/audit.py) and the staff roles (portal/staff/roles.py): every
staff read of a dossier or document, every decision, change of rights and campaign is recorded;
only an auditor searches it; the applicant sees who handled the dossier; a handler cannot send a
campaign, a sender cannot handle a dossier."""

import re

import pytest

from portal.extensions import db
from portal.models import AuditEvent, Document
from portal.models.audit import AuditIsAppendOnly
from portal.queue import get_queue
from portal.services import audit
from portal.uploads import storage
from tests import dossiers, files


@pytest.fixture
def staff(app, make):
    return {"sofie": make.user("sofie", staff=True, roles=("behandelaar",)),
            "bart": make.user("bart", staff=True, roles=("berichten",)),
            "nadia": make.user("nadia", staff=True, roles=("audit",))}


@pytest.fixture
def dossier(make, staff):
    bakery = make.enterprise("Bakkerij Peeters NV", "0403170701")
    els = make.user("els", enterprise=bakery, rights=("im", "vop"), admin=True)
    make.user("tom", enterprise=bakery)
    application = dossiers.submitted(bakery, els)
    stored, digest = storage.save(files.pdf())
    db.session.add(Document(application_id=application.id, enterprise_id=bakery.id, kind="extra",
                            original_name="attest.pdf", stored_name=stored, mime_type="application/pdf",
                            size=len(files.pdf()), sha256=digest))
    db.session.commit()
    get_queue().empty()
    return application


def lines(action=None):
    query = db.select(AuditEvent).order_by(AuditEvent.id)
    return list(db.session.scalars(query.filter_by(action=action) if action else query))


def test_staff_reads_of_a_dossier_and_its_document_are_recorded(client, auth, dossier):
    auth.login("sofie")
    assert client.get(f"/backoffice/dossiers/{dossier.id}").status_code == 200
    document = dossier.documents[0]
    client.get(f"/backoffice/dossiers/{dossier.id}/documenten/{document.id}").close()
    read, downloaded = lines("dossier_gelezen"), lines("document_gelezen")
    assert [(r.actor_name, r.application_id) for r in read] == [("Sofie", dossier.id)]
    assert (downloaded[0].document_id, downloaded[0].detail) == (document.id, "attest.pdf")


def test_a_decision_is_recorded_with_what_was_decided(client, auth, dossier):
    auth.login("sofie")
    response = client.post(f"/backoffice/dossiers/{dossier.id}/informatie", data={"question": "Stuur het uurrooster."})
    assert response.status_code == 303
    (line,) = lines("informatie_gevraagd")
    assert line.actor_name == "Sofie" and "Stuur het uurrooster." in line.detail


def test_granting_and_withdrawing_a_right_are_recorded(client, auth, dossier):
    tom = db.session.scalar(db.select(AuditEvent.actor_id))  # nothing yet
    assert tom is None
    auth.login("els")
    from portal.models import User

    tom = db.session.scalar(db.select(User).filter_by(subject="tom"))
    assert client.post(f"/beheer/gebruikers/{tom.id}/vop", data={"action": "toekennen"}).status_code == 303
    assert client.post(f"/beheer/gebruikers/{tom.id}/vop", data={"action": "intrekken"}).status_code == 303
    assert [(line.action, line.actor_name) for line in lines()] == [
        ("recht_toegekend", "Els"), ("recht_ingetrokken", "Els")]
    assert "Tom" in lines()[0].detail


def test_every_campaign_is_recorded(client, auth, dossier):
    auth.login("bart")
    from tests.test_bulk import FORM, preview

    _, _, seen = preview(client)
    response = client.post("/backoffice/berichten/nieuw", data={**FORM, **seen, "confirm": "y", "actie": "versturen"})
    assert response.status_code == 303
    (line,) = lines("bericht_verstuurd")
    assert line.actor_name == "Bart" and "betaalkalender" in line.detail


def test_the_trail_is_append_only(dossier, staff):
    audit.record_now("dossier_gelezen", staff["sofie"], application_id=dossier.id)
    line = lines()[0]
    line.detail = "iets anders"
    with pytest.raises(AuditIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    db.session.delete(lines()[0])
    with pytest.raises(AuditIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    assert len(lines()) == 1


def test_the_applicant_sees_who_at_the_department_handled_the_dossier(client, auth, dossier):
    before = client  # same client, two people in turn
    auth.login("els")
    assert "Nog niemand van het departement heeft uw dossier geopend" in before.get(f"/dossiers/{dossier.id}").get_data(as_text=True)
    client.post("/afmelden")
    auth.login("sofie")
    client.get(f"/backoffice/dossiers/{dossier.id}")
    client.post("/afmelden")
    auth.login("els")
    page = client.get(f"/dossiers/{dossier.id}").get_data(as_text=True)
    assert "Wie behandelde uw dossier bij het departement" in page and "<li>Sofie (laatst op" in page


def test_only_an_auditor_searches_the_trail(client, auth, dossier):
    auth.login("sofie")
    client.get(f"/backoffice/dossiers/{dossier.id}")
    refused = client.get("/backoffice/audit")
    assert refused.status_code == 403 and "Auditor" in refused.get_data(as_text=True)
    client.post("/afmelden")
    auth.login("nadia")
    page = client.get("/backoffice/audit", query_string={"wie": "sof", "actie": "dossier_gelezen",
                                                         "dossier": dossier.id}).get_data(as_text=True)
    assert "Dossier bekeken" in page and "<td>Sofie</td>" in page
    assert "Geen regels gevonden" in client.get("/backoffice/audit", query_string={"wie": "%"}).get_data(as_text=True)


def test_the_audit_search_answers_bad_input_in_dutch(client, auth, staff):
    auth.login("nadia")
    response = client.get("/backoffice/audit", query_string={"van": "gisteren", "dossier": "12a", "actie": "x"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Vul een datum in als JJJJ-MM-DD" in page and "Er is geen dossier met het nummer 12A" in page and "Kies een actie" in page


def test_a_handler_cannot_send_a_campaign_and_a_sender_cannot_handle_a_dossier(client, auth, dossier):
    auth.login("sofie")
    for path in ("/backoffice/berichten", "/backoffice/berichten/nieuw"):
        assert client.get(path).status_code == 403
    response = client.post("/backoffice/berichten/nieuw", data={"subject": "x", "body": "y", "audience": "alle",
                                                                "actie": "versturen"})
    assert response.status_code == 403 and "Verzender van berichten" in response.get_data(as_text=True)
    home = client.get("/backoffice/").get_data(as_text=True)
    assert "Werkbak dossiers" in home and "Berichten aan aanvragers" not in home
    client.post("/afmelden")
    auth.login("bart")
    assert client.get("/backoffice/berichten/nieuw").status_code == 200
    assert client.get(f"/backoffice/dossiers/{dossier.id}").status_code == 403
    refused = client.post(f"/backoffice/dossiers/{dossier.id}/weigeren", data={"reasons": "Nee"})
    assert refused.status_code == 403 and "Behandelaar van dossiers" in refused.get_data(as_text=True)
    assert lines() == []  # a refused read is no read


def test_every_back_office_page_names_its_role(app):
    from portal.staff.roles import PAGES

    endpoints = {rule.endpoint.partition(".")[2] for rule in app.url_map.iter_rules() if rule.endpoint.startswith("staff.")}
    assert endpoints == set(PAGES)


def test_reading_an_e_mail_or_a_letter_and_posting_the_letter_are_recorded(client, auth, dossier, staff):
    """The e-mails and letters staff read hold the same personal data as the dossier (issue 16)."""
    from portal.models import Letter, OutboxMessage

    mail = db.session.scalar(db.select(OutboxMessage).filter_by(enterprise_id=dossier.enterprise_id))
    letter = Letter(dedupe_key="brief-test", application_id=dossier.id, recipient="Pieter Wouters",
                    address="Bruul 12, 2800 Mechelen", subject="Uw premie", body="…")
    db.session.add(letter)
    db.session.commit()
    auth.login("sofie")
    assert client.get(f"/backoffice/e-mails/{mail.id}").status_code == 200
    assert client.get(f"/backoffice/dossiers/brieven/{letter.id}").status_code == 200
    assert client.post(f"/backoffice/dossiers/brieven/{letter.id}/afgedrukt").status_code == 303
    (read_mail,) = lines("e-mail_gelezen")
    assert (read_mail.actor_name, read_mail.enterprise_id) == ("Sofie", dossier.enterprise_id)
    assert mail.recipient in read_mail.detail
    (read_letter,), (posted,) = lines("brief_gelezen"), lines("brief_verstuurd")
    assert read_letter.application_id == posted.application_id == dossier.id
    assert read_letter.enterprise_id == dossier.enterprise_id and "Pieter Wouters" in posted.detail


def found_dossiers(page: str) -> list[str]:
    """The Dossier column of the result table (the fourth cell of each row)."""
    body = re.search(r"<tbody>(.*?)</tbody>", page, re.S)
    return [cells[3] for cells in (re.findall(r"<td>(.*?)</td>", row, re.S)
                                   for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S))] if body else []


def test_the_audit_search_takes_the_dossier_number_and_shows_it(client, auth, dossier):
    auth.login("sofie")
    client.get(f"/backoffice/dossiers/{dossier.id}")
    client.post("/afmelden")
    auth.login("nadia")
    for typed in (dossier.number, f"  {dossier.number.lower()} ", str(dossier.id)):
        response = client.get("/backoffice/audit", query_string={"actie": "dossier_gelezen", "dossier": typed})
        page = response.get_data(as_text=True)
        assert response.status_code == 200, typed
        assert found_dossiers(page) == [dossier.number], typed

    unknown = client.get("/backoffice/audit", query_string={"dossier": "VOP-2026-999999"})
    assert unknown.status_code == 422
    page = unknown.get_data(as_text=True)
    assert re.search(r'id="dossier-fout">[^<]*Er is geen dossier met het nummer VOP-2026-999999', page)
    assert 'value="VOP-2026-999999"' in page


def test_a_from_date_after_the_until_date_is_refused_next_to_it(client, auth, staff):
    auth.login("nadia")
    response = client.get("/backoffice/audit", query_string={"van": "2026-11-30", "tot": "2026-11-01"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert re.search(r'id="van-fout">[^<]*ligt na de datum ‘Tot en met’', page)
    assert 'value="2026-11-30"' in page and 'value="2026-11-01"' in page
