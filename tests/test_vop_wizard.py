"""The VOP in the wizard through plain form posts: kind choice, stops, documents, receipt, paper entry
(seeds 000, 001, 002)."""

import io
import re
from datetime import date

import pytest

from portal.extensions import db
from portal.models import Application, Dossier
from tests import files, support

CONTACT = {"name": "Els Peeters", "email": "els@bakkerij-peeters.be", "phone": "015 12 34 56"}
EMPLOYEE = {"national_number": "85.07.30-033.28", "first_name": "Pieter", "last_name": "Wouters",
            "start_date": "2025-03-01", "street": "Bruul 12", "postcode": "2800", "municipality": "Mechelen",
            "hours": "38"}
CONDITIONS = {"loon_sociale_zekerheid": "ja", "domicilie": "ja", "arbeidshandicap": "ja", "in_dienst": "ja",
              "geen_ontslag_vervanging": "y", "geen_ontslag_herindienstname": "y"}
NO_CUMULATION = {code: "nee" for code in ("lde_inschakeling", "gesco", "kb25", "collectief_maatwerk", "ocmw_art60",
                                          "invoegbedrijf", "beschutte_werkplaats", "sociale_werkplaats")}


@pytest.fixture
def employer(make, auth, app):
    app.config["LOKET_TODAY"] = "2026-11-23"
    bakery = make.enterprise("Bakkerij Peeters NV", "0403170701")
    make.user("els", enterprise=bakery, rights=("vop",))
    auth.login("els")
    return bakery


def start(client, kind="basis", **extra):
    response = client.post("/aanvraag/vop/soort", data={"kind": kind, **extra})
    assert response.status_code == 303, response.get_data(as_text=True)
    return int(re.search(r"/aanvragen/(\d+)/", response.headers["Location"]).group(1)), response.headers["Location"]


def post(client, app_id, step, data):
    return client.post(f"/aanvragen/{app_id}/{step}", data=data)


def submit_base(client):
    app_id, _ = start(client)
    for step, data in (("voorwaarden", CONDITIONS), ("cumulatie", NO_CUMULATION), ("contact", CONTACT),
                       ("werknemer", EMPLOYEE), ("rekening", {"iban": "BE71 0961 2345 6769"})):
        assert post(client, app_id, step, data).status_code == 303, step
    support.confirm_contact(app_id)
    assert client.post(f"/aanvragen/{app_id}/overzicht", data={"declaration": "y"}).status_code == 303
    return db.session.get(Application, app_id)


def approve(base, begin=date(2026, 10, 1), end=date(2028, 9, 30)):
    """The department granted the base application: a running, approved VOP."""
    base.state, base.admissibility = "goedgekeurd", "ontvankelijk"
    dossier = db.session.get(Dossier, base.id)
    dossier.begin, dossier.end = begin, end
    db.session.commit()
    return base


def test_base_application_end_to_end_with_the_premium_quarter(client, employer):
    """seed 001_b28234096fe74925.txt: paid from the quarter of application, not the hiring date."""
    home = client.get("/aanvraag/vop").get_data(as_text=True)
    assert "Een verhoging kunt u pas aanvragen" in home
    application = submit_base(client)
    assert application.kind == "basis" and application.state == "ingediend" and application.number.startswith("VOP-")
    receipt = client.get(f"/aanvragen/{application.id}/ontvangstbewijs").get_data(as_text=True)
    assert "4de kwartaal 2026" in receipt and "1 oktober 2026" in receipt
    assert "niet met terugwerkende kracht" in receipt


def test_the_receipt_is_drawn_for_htmx_as_for_a_plain_request(client, employer):
    """Back to a receipt that htmx asks for itself (HX-Request, not boosted: a history miss) gets
    the same receipt, with the VOP's own part, not a 500."""
    application = submit_base(client)
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get(f"/aanvragen/{application.id}/ontvangstbewijs", headers=headers)
        assert response.status_code == 200
        text = response.get_data(as_text=True)
        assert application.number in text and "Vanaf wanneer loopt de premie?" in text


def test_failed_condition_stops_with_its_reason(client, employer):
    """seed 000_ad5896a634baea1c.txt: recognition requested is enough, none at all stops."""
    app_id, _ = start(client)
    response = post(client, app_id, "voorwaarden", {**CONDITIONS, "arbeidshandicap": "nee"})
    assert response.status_code == 422
    assert "volstaat om de VOP aan te vragen" in response.get_data(as_text=True)
    assert client.get(f"/aanvragen/{app_id}/cumulatie").status_code == 302


def test_a_new_application_opens_without_a_stop_and_a_stopped_one_shows_it_again(client, employer):
    """seed 000_ad5896a634baea1c.txt: the conditions stop an application only once answered; the
    first page of a new one asks the questions without the red "cannot go on" alert."""
    app_id, location = start(client)
    first = client.get(location).get_data(as_text=True)
    assert "U kunt deze aanvraag niet verder indienen" not in first
    post(client, app_id, "voorwaarden", {**CONDITIONS, "arbeidshandicap": "nee"})
    resumed = client.get(f"/aanvragen/{app_id}/voorwaarden").get_data(as_text=True)
    assert "U kunt deze aanvraag niet verder indienen" in resumed
    assert "volstaat om de VOP aan te vragen" in resumed


def test_non_cumulation_yes_stops(client, employer):
    """seed 001_b28234096fe74925.txt: not cumulable with the eight measures."""
    app_id, _ = start(client)
    post(client, app_id, "voorwaarden", CONDITIONS)
    response = post(client, app_id, "cumulatie", {**NO_CUMULATION, "gesco": "ja"})
    assert response.status_code == 422
    assert "niet cumuleerbaar met de premie voor gesubsidieerde contractuelen" in response.get_data(as_text=True)
    assert client.get(f"/aanvragen/{app_id}").headers["Location"].endswith("/cumulatie")
    resumed = client.get(f"/aanvragen/{app_id}/cumulatie").get_data(as_text=True)
    assert "U kunt deze aanvraag niet verder indienen" in resumed and "gesubsidieerde contractuelen" in resumed
    review = client.get(f"/aanvragen/{app_id}/overzicht")
    support.confirm_contact(app_id)
    assert client.post(f"/aanvragen/{app_id}/overzicht", data={"declaration": "y"}).status_code == 422
    assert review.status_code in (200, 302)


def test_hiring_date_in_the_future_is_refused(client, employer):
    """seed 000_ad5896a634baea1c.txt: only once the employee is hired."""
    app_id, _ = start(client)
    post(client, app_id, "voorwaarden", CONDITIONS)
    post(client, app_id, "cumulatie", NO_CUMULATION)
    post(client, app_id, "contact", CONTACT)
    response = post(client, app_id, "werknemer", {**EMPLOYEE, "start_date": "2027-01-04"})
    assert response.status_code == 422
    assert "vanaf de indiensttreding van de werknemer (04/01/2027)" in response.get_data(as_text=True)


@pytest.mark.parametrize("typed, message", [
    ("0002-01-02", "Deze datum ligt te ver in het verleden. Vul een datum vanaf 01/01/1950 in"),
    ("2030-01-02", "Deze datum ligt te ver in de toekomst. Vul een datum tot en met 23/11/2027 in"),
])
def test_an_absurd_hiring_date_is_refused(client, employer, typed, message):
    """The audit's "2 januari 2": a hiring date in year 2 (or years ahead) is refused next to the field."""
    app_id, _ = start(client)
    post(client, app_id, "voorwaarden", CONDITIONS)
    post(client, app_id, "cumulatie", NO_CUMULATION)
    post(client, app_id, "contact", CONTACT)
    response = post(client, app_id, "werknemer", {**EMPLOYEE, "start_date": typed})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page and "vanaf de indiensttreding" not in page
    assert "werknemer" not in db.session.get(Application, app_id).answers


def test_increase_needs_a_base_and_then_asks_motivation_and_document(client, employer):
    """seed 001_b28234096fe74925.txt: an increase only after a base application; motivation document."""
    refused = client.post("/aanvraag/vop/soort", data={"kind": "verhoging"})
    assert refused.status_code == 422
    assert 'href="#kind">Deze soort aanvraag kunt u nu niet indienen.' in refused.get_data(as_text=True)
    base = approve(submit_base(client))
    app_id, _ = start(client, "verhoging", grant=base.id)
    increase = db.session.get(Application, app_id)
    assert increase.answer("werknemer", "national_number") == "85073003328"
    post(client, app_id, "voorwaarden", CONDITIONS)
    post(client, app_id, "cumulatie", NO_CUMULATION)
    post(client, app_id, "contact", CONTACT)
    assert post(client, app_id, "werknemer", EMPLOYEE).headers["Location"].endswith("/motivatie")
    page = client.get(f"/aanvragen/{app_id}/motivatie").get_data(as_text=True)
    assert "Waarom volstaat de premie van 40% niet?" in page
    assert post(client, app_id, "motivatie", {"motivatie": "Ernstige ziekteproblematiek."}).status_code == 303
    documents = client.get(f"/aanvragen/{app_id}/documenten").get_data(as_text=True)
    assert "Motivatiedocument" in documents
    assert client.post(f"/aanvragen/{app_id}/documenten/verder").status_code == 422
    client.post(f"/aanvragen/{app_id}/documenten", data={"kind": "motivatie", "bestand": (io.BytesIO(files.pdf()), "motivatie.pdf")})
    assert client.post(f"/aanvragen/{app_id}/documenten/verder").status_code == 303
    support.confirm_contact(app_id)
    assert client.post(f"/aanvragen/{app_id}/overzicht", data={"declaration": "y"}).status_code == 303


@pytest.mark.parametrize("state", ["ingediend", "onvolledig", "in_onderzoek"])
def test_increase_is_not_offered_nor_accepted_for_a_vop_not_granted(client, employer, state):
    """seed 001_b28234096fe74925.txt, "Verhoging of verlenging van goedgekeurde dossiers": a base
    application that is not (yet) approved is neither offered nor accepted when its id is posted."""
    base = submit_base(client)
    base.state = state
    db.session.commit()
    home = client.get("/aanvraag/vop").get_data(as_text=True)
    assert base.number not in home
    assert "Een verhoging kan enkel voor een lopende, goedgekeurde VOP" in home
    for kind in ("verhoging", "verlenging"):
        refused = client.post("/aanvraag/vop/soort", data={"kind": kind, "grant": base.id})
        assert refused.status_code == 422
    assert db.session.scalar(db.select(db.func.count()).select_from(Application)
                             .filter(Application.kind != "basis")) == 0
    approve(base)
    assert base.number in client.get("/aanvraag/vop").get_data(as_text=True)
    app_id, _ = start(client, "verhoging", grant=base.id)
    base.state = state  # a draft begun on a grant that is no longer approved is not submitted
    db.session.commit()
    refused = client.post(f"/aanvragen/{app_id}/overzicht", data={"declaration": "y"})
    assert refused.status_code == 422
    assert "kan enkel voor een lopende, goedgekeurde VOP" in refused.get_data(as_text=True)


def test_extension_opens_in_the_penultimate_quarter(client, employer, app):
    """seed 001_b28234096fe74925.txt: from the penultimate quarter of the running grant."""
    base = submit_base(client)
    base.state, base.admissibility = "goedgekeurd", "ontvankelijk"
    dossier = db.session.get(Dossier, base.id)
    dossier.begin, dossier.end = date(2026, 10, 1), date(2027, 6, 30)
    db.session.commit()
    home = client.get("/aanvraag/vop").get_data(as_text=True)
    assert "kan dat vanaf 01/01/2027" in home
    assert client.post("/aanvraag/vop/soort", data={"kind": "verlenging", "grant": base.id}).status_code == 422
    app.config["LOKET_TODAY"] = "2027-01-01"
    app_id, _ = start(client, "verlenging", grant=base.id)
    assert db.session.get(Application, app_id).answer("soort", "grant_end") == "2027-06-30"


def test_other_enterprise_grant_cannot_be_chosen(client, employer, make, auth):
    """seed 001_b28234096fe74925.txt: an increase is about this employer's own base application."""
    base = approve(submit_base(client))
    other = make.enterprise("Ander NV", "0876543270")
    make.user("jan", enterprise=other, rights=("vop",))
    auth.login("jan")
    assert client.post("/aanvraag/vop/soort", data={"kind": "verhoging", "grant": base.id}).status_code == 422


@pytest.fixture
def self_employed(make, auth, app):
    app.config["LOKET_TODAY"] = "2026-11-23"
    claes = make.enterprise("An Claes Grafisch Ontwerp", "1012345646", kind="zelfstandige")
    make.user("an", enterprise=claes, rights=("vop",))
    auth.login("an")
    return claes


@pytest.mark.parametrize("since, document", [("2026-03-01", "Attest op leefbaarheid"),
                                             ("2019-05-01", "Laatst ontvangen aanslagbiljet")])
def test_self_employed_for_themselves_gets_the_right_viability_document(client, self_employed, since, document):
    """seed 001_b28234096fe74925.txt: attest op leefbaarheid under a year, aanslagbiljet otherwise."""
    home = client.get("/aanvraag/vop").get_data(as_text=True)
    assert "Voor een zelfstandige zelf kan geen verhoging" in home or "basisaanvraag is ingediend" in home
    app_id, location = start(client)
    assert location.endswith("/voor_wie")
    assert post(client, app_id, "voor_wie", {"voor_wie": "zichzelf"}).headers["Location"].endswith("/voorwaarden")
    assert post(client, app_id, "voorwaarden", {"domicilie": "ja", "arbeidshandicap": "ja"}).headers["Location"].endswith("/contact")
    post(client, app_id, "contact", CONTACT)
    response = post(client, app_id, "zelfstandige", {"national_number": "88.06.20-301.19", "first_name": "An",
                                                      "last_name": "Claes", "start_date": since, "occupation": "hoofdberoep"})
    assert response.status_code == 303
    post(client, app_id, "rekening", {"iban": "BE71 0961 2345 6769"})
    assert document in client.get(f"/aanvragen/{app_id}/documenten").get_data(as_text=True)


def test_self_employed_for_themselves_read_about_their_own_account_and_activity(client, self_employed):
    """seed 001_b28234096fe74925.txt: a self-employed person may apply "voor zichzelf": no employee
    on the account step, no hiring date on the receipt (seed 001: paid from the quarter of application)."""
    app_id, _ = start(client)
    post(client, app_id, "voor_wie", {"voor_wie": "zichzelf"})
    post(client, app_id, "voorwaarden", {"domicilie": "ja", "arbeidshandicap": "ja"})
    post(client, app_id, "contact", CONTACT)
    post(client, app_id, "zelfstandige", {"national_number": "88.06.20-301.19", "first_name": "An", "last_name": "Claes",
                                          "start_date": "2019-05-01", "occupation": "hoofdberoep"})
    account = client.get(f"/aanvragen/{app_id}/rekening").get_data(as_text=True)
    assert "Rekeningnummer (IBAN) van uw zelfstandige activiteit" in account
    assert "werknemer" not in account.split('id="inhoud"')[1].split("</main>")[0]
    assert post(client, app_id, "rekening", {"iban": "BE71 0961 2345 6769"}).status_code == 303
    client.post(f"/aanvragen/{app_id}/documenten", data={"kind": "aanslagbiljet", "bestand": (io.BytesIO(files.pdf()), "aanslag.pdf")})
    support.confirm_contact(app_id)
    assert client.post(f"/aanvragen/{app_id}/overzicht", data={"declaration": "y"}).status_code == 303
    receipt = client.get(f"/aanvragen/{app_id}/ontvangstbewijs").get_data(as_text=True)
    assert "niet met terugwerkende kracht betaald vanaf de start van uw zelfstandige activiteit" in receipt
    assert "indiensttreding" not in receipt and "4de kwartaal 2026" in receipt


def test_staff_enter_a_paper_application(client, make, auth, app):
    """seed 001_b28234096fe74925.txt: "Een aanvraag op papier indienen kan ook"."""
    app.config["LOKET_TODAY"] = "2026-11-23"
    bakery = make.enterprise("Bakkerij Peeters NV", "0403170701")
    make.user("sofie", staff=True)
    auth.login("sofie")
    assert client.get("/aanvraag/vop").status_code == 403
    response = client.post("/backoffice/papieren-aanvraag/", data={"applicant": f"{bakery.id}:", "received_on": "2026-09-28"})
    assert response.headers["Location"] == "/aanvraag/vop"
    assert "papieren aanvraag" in client.get("/aanvraag/vop").get_data(as_text=True)
    application = submit_base(client)
    assert application.paper and application.created_by.is_staff and application.enterprise_id == bakery.id
    receipt = client.get(f"/aanvragen/{application.id}/ontvangstbewijs").get_data(as_text=True)
    assert "3de kwartaal 2026" in receipt and "papieren aanvraag" in receipt
    queue = client.get("/backoffice/dossiers/").get_data(as_text=True)
    assert application.number in queue and "op papier" in queue
    page = client.get(f"/backoffice/dossiers/{application.id}").get_data(as_text=True)
    assert "papieren aanvraag, ingevoerd door Sofie" in page
    # The day of receipt is the day of application for the dossier too: the 7-day term counts from
    # it (seed 001) and the approval proposed begins in its quarter, as the receipt said.
    assert application.dossier.received_on == date(2026, 9, 28)
    from portal.services.dossiers import actions
    assert actions.proposal(application).dates.begin == date(2026, 7, 1)
    client.post("/backoffice/papieren-aanvraag/stoppen")
    assert client.get("/aanvraag/vop").status_code == 403


def test_a_paper_application_received_more_than_a_year_ago_is_refused_next_to_the_date(client, make, auth, app):
    """No seed bounds how far back a paper application's day of receipt may lie (seed
    001_b28234096fe74925.txt only says one may be filed on paper); the portal refuses more than a
    year back as a typing error (portal/staff/forms.py, PAPER_RECEIVED_MAX_YEARS), a year to the day
    still counts."""
    app.config["LOKET_TODAY"] = "2026-11-23"
    bakery = make.enterprise("Bakkerij Peeters NV", "0403170701")
    make.user("sofie", staff=True)
    auth.login("sofie")
    response = client.post("/backoffice/papieren-aanvraag/", data={"applicant": f"{bakery.id}:", "received_on": "2020-01-05"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert re.search(r'id="received_on-fout">.*Een papieren aanvraag ontvangen op 05/01/2020 ligt meer dan een '
                     r'jaar terug: kijk de datum na\.</p>', page)
    assert 'value="2020-01-05"' in page and f'<option selected value="{bakery.id}:">' in page  # kept
    day_before = client.post("/backoffice/papieren-aanvraag/", data={"applicant": f"{bakery.id}:",
                                                                    "received_on": "2025-11-22"})
    assert day_before.status_code == 422
    year_ago = client.post("/backoffice/papieren-aanvraag/", data={"applicant": f"{bakery.id}:", "received_on": "2025-11-23"})
    assert year_ago.status_code == 303


def test_changing_for_whom_forgets_the_employee_step(client, self_employed):
    """seed 001_b28234096fe74925.txt: for themselves or for an employee; the dossier must not read a
    stale employee step of a self-employed person who now applies for themselves."""
    app_id, _ = start(client)
    post(client, app_id, "voor_wie", {"voor_wie": "werknemer"})
    post(client, app_id, "voorwaarden", CONDITIONS)
    post(client, app_id, "cumulatie", NO_CUMULATION)
    post(client, app_id, "contact", CONTACT)
    assert post(client, app_id, "werknemer", EMPLOYEE).status_code == 303
    assert db.session.get(Application, app_id).employee_national_number == "85073003328"
    post(client, app_id, "voor_wie", {"voor_wie": "zichzelf"})
    application = db.session.get(Application, app_id)
    db.session.refresh(application)
    assert "werknemer" not in application.answers and "cumulatie" not in application.answers
    assert application.employee_national_number is None and "contact" in application.answers


def test_a_school_applies_for_its_employee(client, make, auth, app):
    """seed 001_b28234096fe74925.txt: every employer, a school of a school group too."""
    app.config["LOKET_TODAY"] = "2026-11-23"
    group = make.enterprise("Scholengroep", "0812345603", kind="scholengroep", schools=("School A",))
    make.user("karin", enterprise=group, rights=("vop",))
    auth.login("karin")
    client.post("/school", data={"school": group.establishments[0].id})
    application = submit_base(client)
    assert application.applicant_type == "school" and application.establishment.name == "School A"
    assert application.state == "ingediend"
