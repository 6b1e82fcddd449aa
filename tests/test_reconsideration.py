"""A refused VOP: the 45-day reconsideration window from VDAB's refusal letter and the 6 months after
which the employee may ask VDAB again (seeds 000_ad5896a634baea1c.txt, 001_b28234096fe74925.txt);
today is 23 November 2026."""

from datetime import date

import pytest

from portal.extensions import db
from portal.models import Application
from tests import dossiers

MARC = "78051224501"


@pytest.fixture
def refused(people):
    dossiers.reference(national_number=MARC, need="geen", years=None, package=None, handicap="geweigerd",
                       status_date=date(2026, 10, 30))
    return dossiers.refused(people.bakery, people.els, measure="vop", premie=None, national_number=MARC,
                            name="Marc Dubois")


def test_the_page_shows_the_window_and_when_vdab_may_be_asked_again(client, auth, refused):
    """seed 001: 45 days after the letter of 30/10/2026 is 14/12/2026; six months later is 30/04/2027."""
    auth.login("els")
    page = client.get(f"/dossiers/{refused.id}").get_data(as_text=True)
    assert "tot en met 14 december 2026" in page and "Vanaf 30 april 2027" in page
    assert "Heroverweging vragen" in page


def test_filing_a_reconsideration_needs_a_motivation(client, auth, refused, people):
    """seed 001: "een schriftelijk verzoek tot heroverweging"; staff see it in the work queue."""
    auth.login("els")
    response = client.post(f"/dossiers/{refused.id}/heroverweging", data={"motivation": ""})
    assert response.status_code == 422 and "Schrijf waarom u een heroverweging vraagt." in response.get_data(as_text=True)
    response = client.post(f"/dossiers/{refused.id}/heroverweging", data={"motivation": "Nieuw medisch verslag"})
    assert response.status_code == 303
    child = db.session.scalar(db.select(Application).filter_by(kind="heroverweging"))
    assert child.parent_id == refused.id and child.measure == "vop" and child.state == "ingediend"
    assert client.get(f"/dossiers/{refused.id}/heroverweging").status_code == 303  # once
    client.post("/afmelden")
    auth.login("sofie")
    queue = client.get("/backoffice/dossiers/").get_data(as_text=True)
    assert child.number in queue and "Heroverweging" in queue
    assert "Nieuw medisch verslag" in client.get(f"/backoffice/dossiers/{child.id}").get_data(as_text=True)


def test_no_reconsideration_after_45_days(app, client, auth, refused):
    """seed 001: within 45 days of the refusal letter only."""
    app.config["LOKET_TODAY"] = "2026-12-15"
    auth.login("els")
    page = client.get(f"/dossiers/{refused.id}").get_data(as_text=True)
    assert "liep af op 14 december 2026" in page
    assert client.post(f"/dossiers/{refused.id}/heroverweging", data={"motivation": "x"}).status_code == 303
    assert db.session.scalar(db.select(Application).filter_by(kind="heroverweging")) is None


def test_another_enterprise_sees_nothing(client, auth, refused):
    auth.login("jan")
    assert client.get(f"/dossiers/{refused.id}/heroverweging").status_code == 404
