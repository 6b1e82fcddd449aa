"""Changes reported on a dossier: seed 003_cf4b65171622c691.txt, step 7 ("Verandert er iets in uw
situatie? ... contactpersoon, rekeningnummer, werknemer treedt uit dienst, collega-coach of begeleider")."""

import io
from datetime import date

import pytest

from portal.domain import changes as rules
from portal.domain import dossier_states as machine
from portal.domain.changes import reminder_due
from portal.domain.quarters import Quarter
from portal.extensions import db
from portal.models import ChangeNotice, DossierEvent, OutboxMessage
from tests import dossiers

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# -- the rules (seed 003, step 7) ---------------------------------------------------------------

def test_an_employer_reports_contact_account_and_leaving_and_with_guidance_also_the_guide():
    """seed 003_cf4b65171622c691.txt: the four changes to report."""
    assert rules.reportable("im", "loonpremie", for_self=False) == [rules.CONTACT, rules.ACCOUNT, rules.LEAVING]
    assert rules.reportable("im", "loonpremie_begeleiding", for_self=False) == [
        rules.CONTACT, rules.ACCOUNT, rules.LEAVING, rules.GUIDANCE]


def test_a_self_employed_person_applying_for_themselves_has_no_employee_to_leave():
    """seed 003_cf4b65171622c691.txt: "werknemer treedt uit dienst" needs an employee."""
    assert rules.reportable("im", "loonpremie", for_self=True) == [rules.CONTACT, rules.ACCOUNT]
    assert rules.reportable("vop", None, for_self=False) == [rules.CONTACT, rules.ACCOUNT, rules.LEAVING]


@pytest.mark.parametrize(("status", "allowed"), [
    (machine.Status(machine.INGEDIEND), True),
    (machine.Status(machine.IN_ONDERZOEK, machine.ONTVANKELIJK), True),
    (machine.Status(machine.GOEDGEKEURD, machine.ONTVANKELIJK), True),
    (machine.Status(machine.GEWEIGERD, machine.ONTVANKELIJK), False),
    (machine.Status(machine.INGEDIEND, machine.NIET_ONTVANKELIJK), False),
])
def test_changes_are_reported_until_the_dossier_is_refused_or_closed(status, allowed):
    """seed 003_cf4b65171622c691.txt step 7 follows a running dossier; seed 001: not admissible closes it."""
    assert rules.may_report(status) is allowed


# -- the applicant reports, staff handle ---------------------------------------------------------

@pytest.fixture
def setting(people, run_jobs):
    dossiers.reference(need="loonpremie_begeleiding")
    application = dossiers.submitted(people.bakery, people.els, premie="loonpremie_begeleiding")
    run_jobs()
    db.session.refresh(application)
    return application


def _mails(application, occasion_prefix):
    return db.session.query(OutboxMessage).filter(
        OutboxMessage.dedupe_key.like(f"dossier:{application.id}:{occasion_prefix}%")).all()


def test_new_contact_person_gets_the_confirmation_and_every_later_mail(client, auth, setting):
    auth.login("els")
    page = client.get(f"/dossiers/{setting.id}/wijziging").get_data(as_text=True)
    assert "De collega-coach of de begeleider wijzigt" in page
    assert client.post(f"/dossiers/{setting.id}/wijziging", data={}).status_code == 422
    chosen = client.post(f"/dossiers/{setting.id}/wijziging", data={"kind": "contactpersoon"})
    assert chosen.status_code == 303 and chosen.headers["Location"].endswith("/wijziging/contactpersoon")
    bad = client.post(f"/dossiers/{setting.id}/wijziging/contactpersoon",
                      data={"name": "Mia Janssens", "email": "geen-adres", "phone": "015 12 34 56"})
    assert bad.status_code == 422
    assert "geldig e-mailadres" in bad.get_data(as_text=True) and 'value="Mia Janssens"' in bad.get_data(as_text=True)
    done = client.post(f"/dossiers/{setting.id}/wijziging/contactpersoon",
                       data={"name": "Mia Janssens", "email": "mia@bakkerij-peeters.be", "phone": "015 12 34 56"})
    assert done.status_code == 303
    confirmation, replaced = sorted(_mails(setting, "wijziging"), key=lambda m: m.dedupe_key)
    assert confirmation.recipient == "mia@bakkerij-peeters.be" and "Mia Janssens" in confirmation.body_text
    # The contact person who is replaced hears it, addressed by their own name.
    assert replaced.recipient == "contact@bedrijf.test" and replaced.body_text.startswith("Beste Els Peeters,")
    assert "niet gemeld" in replaced.body_text
    page = client.get(f"/dossiers/{setting.id}").get_data(as_text=True)
    assert "Nieuwe contactpersoon: Mia Janssens" in page and "nog niet verwerkt" in page
    client.post("/afmelden")

    auth.login("sofie")
    client.post(f"/backoffice/dossiers/{setting.id}/informatie", data={"question": "Bezorg het uurrooster."})
    [question] = _mails(setting, "informatie")
    assert question.recipient == "mia@bakkerij-peeters.be"


def test_new_account_becomes_the_enterprises_account_once_staff_handle_it(client, auth, setting):
    auth.login("els")
    wrong = client.post(f"/dossiers/{setting.id}/wijziging/rekeningnummer", data={"iban": "BE00 0000 0000 0000"},
                        content_type="multipart/form-data")
    assert wrong.status_code == 422 and "rekeningnummer klopt niet" in wrong.get_data(as_text=True)
    done = client.post(f"/dossiers/{setting.id}/wijziging/rekeningnummer",
                       data={"iban": "BE71096123456769", "documents": [(io.BytesIO(PDF), "bankattest.pdf")]},
                       content_type="multipart/form-data")
    assert done.status_code == 303
    assert setting.enterprise.iban is None  # not before the department checked it
    assert any(d.original_name == "bankattest.pdf" and d.kind == "wijziging" for d in setting.documents)
    client.post("/afmelden")

    auth.login("sofie")
    other = dossiers.submitted(setting.enterprise, setting.created_by, national_number="90021512370")
    queue = client.get("/backoffice/dossiers/").get_data(as_text=True)
    assert "Wijziging gemeld" in queue and other.number in queue
    only_changes = client.get("/backoffice/dossiers/?wijziging=open").get_data(as_text=True)
    assert setting.number in only_changes and other.number not in only_changes
    page = client.get(f"/backoffice/dossiers/{setting.id}").get_data(as_text=True)
    assert "Nieuw rekeningnummer: BE71 0961 2345 6769" in page
    notice = db.session.query(ChangeNotice).one()
    assert client.post(f"/backoffice/dossiers/{setting.id}/wijzigingen/{notice.id}/verwerkt").status_code == 303
    db.session.refresh(setting.enterprise)
    assert setting.enterprise.iban == "BE71 0961 2345 6769"
    assert "Wijziging gemeld" not in client.get("/backoffice/dossiers/").get_data(as_text=True)
    assert setting.number not in client.get("/backoffice/dossiers/?wijziging=open").get_data(as_text=True)
    # A second click finds it handled already.
    client.post(f"/backoffice/dossiers/{setting.id}/wijzigingen/{notice.id}/verwerkt")
    handled = db.session.query(DossierEvent).filter_by(application_id=setting.id, action="wijziging_verwerken")
    assert handled.count() == 1 and handled.one().user.name == "Sofie"


def test_an_internal_guide_needs_the_proof_of_qualification(client, auth, setting):
    """seed 003_cf4b65171622c691.txt: an internal guide proves the qualification, also on a change."""
    auth.login("els")
    data = {"valid_from": "2026-12-01", "guide_type": "intern", "guide_name": "Karel Maes", "coach_name": "Lien Claes"}
    missing = client.post(f"/dossiers/{setting.id}/wijziging/begeleiding", data=data, content_type="multipart/form-data")
    assert missing.status_code == 422 and "bewijs van kwalificatie" in missing.get_data(as_text=True)
    assert 'value="Karel Maes"' in missing.get_data(as_text=True)
    renamed = client.post(f"/dossiers/{setting.id}/wijziging/begeleiding", content_type="multipart/form-data",
                          data={**data, "documents": [(io.BytesIO(b"MZ\x90\x00 not a pdf"), "diploma.pdf")]})
    assert renamed.status_code == 422 and db.session.query(ChangeNotice).count() == 0
    done = client.post(f"/dossiers/{setting.id}/wijziging/begeleiding", content_type="multipart/form-data",
                       data={**data, "documents": [(io.BytesIO(PDF), "diploma.pdf")]})
    assert done.status_code == 303
    event = db.session.query(DossierEvent).filter_by(application_id=setting.id, action="wijziging_melden").one()
    assert "Vanaf 01/12/2026: begeleider Karel Maes (interne begeleider), collega-coach Lien Claes" in event.reason


def test_employee_leaving_is_asked_with_the_last_working_day(client, auth, setting):
    auth.login("els")
    missing = client.post(f"/dossiers/{setting.id}/wijziging/uit_dienst", data={}, content_type="multipart/form-data")
    assert missing.status_code == 422 and "laatste werkdag" in missing.get_data(as_text=True)
    assert client.post(f"/dossiers/{setting.id}/wijziging/uit_dienst", data={"last_day": "2027-01-31"},
                       content_type="multipart/form-data").status_code == 303
    assert "laatste werkdag 31/01/2027" in client.get(f"/dossiers/{setting.id}").get_data(as_text=True)


def test_no_change_on_a_refused_dossier_nor_a_change_that_does_not_apply(client, auth, setting, make):
    auth.login("els")
    assert client.get(f"/dossiers/{setting.id}/wijziging/bestaat_niet").status_code == 404
    client.post("/afmelden")
    auth.login("sofie")
    client.post(f"/backoffice/dossiers/{setting.id}/weigeren", data={"reasons": "Geen tewerkstelling meer."})
    client.post("/afmelden")
    auth.login("els")
    assert "Meld een wijziging" not in client.get(f"/dossiers/{setting.id}").get_data(as_text=True)
    refused = client.post(f"/dossiers/{setting.id}/wijziging/contactpersoon",
                          data={"name": "Mia Janssens", "email": "mia@bakkerij-peeters.be", "phone": "015 12 34 56"})
    assert refused.status_code == 303 and db.session.query(ChangeNotice).count() == 0


def test_another_enterprise_cannot_report_on_the_dossier(client, auth, setting):
    auth.login("jan")
    assert client.get(f"/dossiers/{setting.id}/wijziging").status_code == 404
    assert client.post(f"/dossiers/{setting.id}/wijziging/contactpersoon",
                       data={"name": "X", "email": "x@schoonmaak.be", "phone": "015 12 34 56"}).status_code == 404
    assert db.session.query(ChangeNotice).count() == 0


# --- the quarterly reminder to report changes (seeds 000, 001: paid each quarter for the previous
# one; seed 003_cf4b65171622c691.txt step 7: "Verandert er iets in uw situatie? Breng ons op de hoogte")

RUNNING = dict(begin=date(2026, 7, 1), end=date(2031, 6, 30), decided_on=date(2026, 8, 14))


@pytest.mark.parametrize("today, reminded_for, expected", [
    (date(2026, 9, 30), None, None),                        # the quarter of the decision: its e-mail said it
    (date(2026, 10, 1), None, Quarter(2026, 4)),            # the first day of the next quarter
    (date(2026, 11, 23), date(2026, 10, 1), None),          # once per quarter
    (date(2027, 1, 2), date(2026, 10, 1), Quarter(2027, 1)),
    (date(2031, 6, 30), date(2031, 1, 1), Quarter(2031, 2)),  # the last day still runs
    (date(2031, 7, 1), date(2031, 4, 1), None),             # ended
])
def test_reminder_once_per_quarter_while_the_premium_runs(today, reminded_for, expected):
    assert reminder_due(**RUNNING, reminded_for=reminded_for, today=today) == expected


def test_no_reminder_before_the_premium_begins_or_without_a_decision():
    assert reminder_due(date(2027, 1, 1), date(2031, 12, 31), date(2026, 8, 14), None, date(2026, 11, 23)) is None
    assert reminder_due(None, None, None, None, date(2026, 11, 23)) is None
