"""The demo's dossiers (portal/demo_life.py): every state, relative to today, loaded once; checked on
an ordinary day, on the first day of a quarter and on 29 February."""

import re

import pytest

from portal import demo, demo_life
from portal.extensions import db
from portal.models import Application
from tests.test_vop_wizard import CONDITIONS, NO_CUMULATION


def _ids(numbers):
    return {a.employee_name + (" (evaluatie)" if a.kind == "evaluatie" else ""): a.id
            for a in db.session.scalars(db.select(Application).where(Application.employee_national_number.in_(numbers)))}


@pytest.mark.parametrize("day", ["2026-11-23", "2027-01-01", "2028-02-29"])
def test_every_state_is_there_once(app, client, auth, day):
    app.config["LOKET_TODAY"] = day
    demo.seed()
    assert demo_life.seed() is True
    assert demo_life.seed() is False
    ids = _ids([p.number for p in demo_life.PEOPLE])
    assert len(ids) == 11
    client.post("/aanmelden", data={"login": "els", "password": "demo"})
    bakery = db.session.scalar(db.select(Application).filter_by(employee_name="Jan Verstraeten")).enterprise_id
    client.post("/onderneming", data={"enterprise": bakery})
    expected = {
        "Jan Verstraeten": "Ingediend",
        "Nina Jacobs": "Het departement vraagt meer informatie",
        "Koen Maes": "Niet ontvankelijk",
        "Eva Lambrechts": "Een evaluatie van de hoogte kan vanaf het tweede jaar",
        "Bram Wouters": "Goedgekeurd",
        "Hanne Smets": ">Evalueren<",
        "Tim Goossens": "loopt al een aanvraag tot evaluatie",
        "Tim Goossens (evaluatie)": "In onderzoek",
        "Ruben De Wilde": "Beëindigd",
        "Lien Hermans": "Evaluatie van de VOP aanvragen",
    }
    for name, text in expected.items():
        page = client.get(f"/dossiers/{ids[name]}").get_data(as_text=True)
        assert text in page, name
    hanne = client.get(f"/dossiers/{ids['Hanne Smets']}").get_data(as_text=True)  # seed 004: waiting for her signature
    assert "WOP 4 (PMP sterk)" in hanne and "Nog niet ondertekend" in hanne
    eva = client.get(f"/dossiers/{ids['Eva Lambrechts']}").get_data(as_text=True)
    assert "WOP 1 (PmAH zwak)" in eva and "Correctie vragen" in eva and "Evaluatie van het pakket aanvragen" in eva
    sven = db.session.get(Application, ids["Sven Mertens"])
    client.post("/onderneming", data={"enterprise": sven.enterprise_id})
    assert "Heroverweging vragen" in client.get(f"/dossiers/{sven.id}").get_data(as_text=True)
    client.post("/afmelden")
    client.post("/aanmelden", data={"login": "sofie", "password": "demo"})
    queue = client.get("/backoffice/dossiers/").get_data(as_text=True)
    assert re.search("Evaluatie", queue)


def test_the_demo_addresses_pass_the_wizards_own_check(app, client):
    """The audit: an increase for a demo dossier pre-filled els@bakkerij-peeters.test, which the
    contact step refused (a special-use .test domain). Every applicant's address in the demo, and
    every contact address of its dossiers, passes the check the wizard makes; Nina Jacobs's VOP
    (onvolledig) is no ground for an increase (seed 001: "goedgekeurde dossiers")."""
    from email_validator import validate_email

    from portal.models import User

    app.config["LOKET_TODAY"] = "2026-11-23"
    demo.seed()
    demo_life.seed()
    for user in db.session.scalars(db.select(User).filter_by(is_staff=False)):
        validate_email(user.email, check_deliverability=False)
    for application in db.session.scalars(db.select(Application)):
        if application.answer("contact", "email"):
            validate_email(application.answer("contact", "email"), check_deliverability=False)
    client.post("/aanmelden", data={"login": "els", "password": "demo"})
    ids = _ids([p.number for p in demo_life.PEOPLE])
    client.post("/onderneming", data={"enterprise": db.session.get(Application, ids["Bram Wouters"]).enterprise_id})
    home = client.get("/aanvraag/vop").get_data(as_text=True)
    assert "Bram Wouters" in home and "Nina Jacobs" not in home
    started = client.post("/aanvraag/vop/soort", data={"kind": "verhoging", "grant": ids["Bram Wouters"]})
    app_id = int(re.search(r"/aanvragen/(\d+)/", started.headers["Location"]).group(1))
    contact = db.session.get(Application, app_id).answers["contact"]
    assert contact["email"] == "els@bakkerij-peeters.be"
    for step, data in (("voorwaarden", CONDITIONS), ("cumulatie", NO_CUMULATION)):
        assert client.post(f"/aanvragen/{app_id}/{step}", data=data).status_code == 303, step
    assert client.post(f"/aanvragen/{app_id}/contact", data=contact).status_code == 303
