"""The employee leaves service (seed 003_cf4b65171622c691.txt, step 7: "werknemer treedt uit dienst"):
the premium ends on the last day of that quarter, the history says who changed it, and an ended
dossier takes no more changes. Today is 23 November 2026."""

from datetime import date, datetime

import pytest

from portal.extensions import db
from portal.models import DossierEvent
from tests import dossiers


@pytest.fixture
def running(people):
    """A grant running from 1 October 2025, applied for on 15 September 2025."""
    dossiers.reference()
    application = dossiers.approved(people.bakery, people.els, date(2025, 10, 1), date(2030, 9, 30))
    application.submitted_at = datetime(2025, 9, 15, 10)
    db.session.commit()
    return application


def test_a_reported_departure_ends_the_premium_with_its_quarter(client, auth, running, people):
    auth.login("els")
    response = client.post(f"/dossiers/{running.id}/wijziging/uit_dienst", data={"last_day": "2027-01-31"},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    db.session.expire_all()
    assert running.dossier.end == date(2027, 3, 31) and running.dossier.left_service_on == date(2027, 1, 31)
    event = db.session.scalar(db.select(DossierEvent).filter_by(application_id=running.id, action="uit_dienst"))
    assert event.user_id == people.els.id and "31/03/2027 in plaats van 30/09/2030" in event.reason
    page = client.get(f"/dossiers/{running.id}").get_data(as_text=True)
    assert "uit dienst" in page and "31 maart 2027" in page
    assert "De werknemer treedt uit dienst" not in client.get(f"/dossiers/{running.id}/wijziging").get_data(as_text=True)


def test_staff_record_a_departure(client, auth, running, people):
    auth.login("sofie")
    response = client.post(f"/backoffice/dossiers/{running.id}/uit-dienst", data={"last_day": "2026-11-15"})
    assert response.status_code == 303
    db.session.expire_all()
    assert running.dossier.end == date(2026, 12, 31)
    event = db.session.scalar(db.select(DossierEvent).filter_by(application_id=running.id, action="uit_dienst"))
    assert event.user_id == people.sofie.id and event.actor == "staff"
    assert "Sofie" in client.get(f"/backoffice/dossiers/{running.id}").get_data(as_text=True)


def test_staff_see_the_missing_date_next_to_the_field(client, auth, running):
    auth.login("sofie")
    response = client.post(f"/backoffice/dossiers/{running.id}/uit-dienst", data={"last_day": ""})
    assert response.status_code == 422 and "Vul de laatste werkdag in." in response.get_data(as_text=True)


def test_an_ended_dossier_takes_no_changes(client, auth, people):
    """An ended ("Beëindigd") grant: nothing left to report."""
    dossiers.reference()
    ended = dossiers.approved(people.bakery, people.els, date(2024, 10, 1), date(2026, 9, 30))
    auth.login("els")
    page = client.get(f"/dossiers/{ended.id}").get_data(as_text=True)
    assert "Beëindigd" in page and "Meld een wijziging" not in page
    assert client.get(f"/dossiers/{ended.id}/wijziging").status_code == 303
    response = client.post(f"/dossiers/{ended.id}/wijziging/rekeningnummer", data={"iban": "BE68539007547034"},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    assert db.session.scalar(db.select(DossierEvent).filter_by(application_id=ended.id, action="wijziging_melden")) is None


@pytest.mark.parametrize("last_day, message", [
    ("2025-09-14", "De laatste werkdag kan niet vóór de dag van de aanvraag (15/09/2025) liggen"),
    ("2028-01-01", "De laatste werkdag ligt meer dan een jaar in de toekomst"),
])
def test_a_last_working_day_before_the_application_or_years_ahead_is_refused(client, auth, running, last_day, message):
    """seed 003_cf4b65171622c691.txt: one applies only while the employee is in service ("geen geldige
    tewerkstellingsrelatie in DIMONA": not admissible), so the last working day cannot lie before the
    day of application; the audit had 1 January 2020 accepted, and the dossier ended before it began.
    Refused next to the field for the applicant and for staff alike, the date kept, nothing changed."""
    auth.login("els")
    response = client.post(f"/dossiers/{running.id}/wijziging/uit_dienst", data={"last_day": last_day},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True) and f'value="{last_day}"' in response.get_data(as_text=True)
    client.post("/afmelden")
    auth.login("sofie")
    response = client.post(f"/backoffice/dossiers/{running.id}/uit-dienst", data={"last_day": last_day})
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    db.session.expire_all()
    assert running.dossier.end == date(2030, 9, 30) and running.dossier.left_service_on is None
