"""Staff load the sources' reference data from CSV and work the letter queue."""

import io

import pytest

from portal.extensions import db
from portal.models import Letter, OnderwijsEmployment, ServiceProvider, VdabRecord
from portal.sources import reference
from tests import dossiers

VDAB_CSV = "rijksregisternummer;behoefte;jaren;pakket;arbeidshandicap;datum\n85073003328;loonpremie;5;WOP 3;erkend;2025-01-15\n"


def test_vdab_csv_is_loaded_and_updated(app):
    assert reference.load("vdab", VDAB_CSV.encode()) == 1
    reference.load("vdab", VDAB_CSV.replace("loonpremie;5", "geen;").encode())
    row = db.session.query(VdabRecord).one()
    assert row.need == "geen" and row.need_years is None


def test_bad_lines_load_nothing_and_say_why(app):
    content = ("ondernemingsnummer,rijksregisternummer,begin,einde\n0812345603,92010117783,01/09/2024,\n"
               "0812345603,12345678901,morgen,\n").encode()
    with pytest.raises(reference.ReferenceError) as error:
        reference.load("onderwijs", content)
    assert error.value.problems[0].startswith("Regel 3:")
    assert db.session.query(OnderwijsEmployment).count() == 0
    with pytest.raises(reference.ReferenceError):
        reference.load("rsz", b"a;b\n1;2\n")


PROVIDERS_CSV = "code;naam;gemeente\nGTB-GENT;GTB Gent;Gent\nJOBCOACH;\"Jobcoach, vzw\";\n"


def test_service_providers_are_loaded_and_updated_by_code(app):
    """seed 003: the guide can be a recognised service provider picked from a list staff load."""
    assert reference.load("dienstverleners", PROVIDERS_CSV.encode()) == 2
    reference.load("dienstverleners", b"code;naam;gemeente\nGTB-GENT;GTB Oost-Vlaanderen;Gent\n")
    rows = {p.code: (p.name, p.city) for p in db.session.scalars(db.select(ServiceProvider))}
    assert rows == {"GTB-GENT": ("GTB Oost-Vlaanderen", "Gent"), "JOBCOACH": ("Jobcoach, vzw", None)}


def test_bad_service_provider_lines_load_nothing(app):
    content = "code;naam;gemeente\nA;Eerste;Gent\n;Zonder code;Gent\nB;;Brugge\nA;Nog eens A;Gent\nC;{};Aalst\n"
    with pytest.raises(reference.ReferenceError) as error:
        reference.load("dienstverleners", content.format("x" * 201).encode())
    assert error.value.problems == ["Regel 3: code ontbreekt", "Regel 4: naam ontbreekt", "Regel 5: staat al op regel 2",
                                    "Regel 6: naam is langer dan 200 tekens"]
    assert db.session.query(ServiceProvider).count() == 0


def test_a_loaded_service_provider_can_be_picked_in_the_wizard(app):
    from portal.services.applications.drafts import WizardState

    reference.load("dienstverleners", PROVIDERS_CSV.encode())
    assert WizardState(None).providers() == [("GTB-GENT", "GTB Gent (Gent)"), ("JOBCOACH", "Jobcoach, vzw")]


def test_staff_upload_csv_in_the_back_office(client, auth, make):
    make.user("sofie", staff=True)
    auth.login("sofie")
    assert client.get("/backoffice/dossiers/bronnen").status_code == 200
    response = client.post("/backoffice/dossiers/bronnen", data={"source": "vdab", "file": (io.BytesIO(VDAB_CSV.encode()), "vdab.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    bad = client.post("/backoffice/dossiers/bronnen", data={"source": "vdab", "file": (io.BytesIO(b"x;y\n"), "vdab.csv")},
                      content_type="multipart/form-data")
    assert bad.status_code == 422 and "eerste regel" in bad.get_data(as_text=True)
    providers = client.post("/backoffice/dossiers/bronnen", content_type="multipart/form-data", data={
        "source": "dienstverleners", "file": (io.BytesIO(b"code;naam;gemeente\nX;;\n"), "lijst.csv")})
    page = providers.get_data(as_text=True)
    assert providers.status_code == 422 and "Regel 2: naam ontbreekt" in page and 'aria-invalid="true"' in page


def test_letter_queue(client, auth, make, run_jobs):
    """seed 003_cf4b65171622c691.txt: the employee gets a copy by letter when no e-mail is registered."""
    from portal.services.dossiers import actions

    bakery = make.enterprise()
    els = make.user("els", enterprise=bakery, rights=("im",))
    sofie = make.user("sofie", staff=True)
    dossiers.reference()
    application = dossiers.submitted(bakery, els)
    run_jobs()
    db.session.refresh(application)
    actions.refuse(application, sofie, "Geen tewerkstelling meer.")
    letter = db.session.query(Letter).one()
    auth.login("sofie")
    assert letter.subject in client.get("/backoffice/dossiers/brieven").get_data(as_text=True)
    assert "Geen tewerkstelling meer." in client.get(f"/backoffice/dossiers/brieven/{letter.id}").get_data(as_text=True)
    assert client.post(f"/backoffice/dossiers/brieven/{letter.id}/afgedrukt").status_code == 303
    db.session.refresh(letter)
    assert letter.printed_at is not None
