"""Browser tests: a running dossier's life, on the demo dossiers of portal/demo_life.py (relative to
today): an evaluation allowed and one not yet allowed with its date (seed 003), an employee leaving
(seed 003, step 7), and the reconsideration of a refused VOP (seeds 000, 001), also without JavaScript."""

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from e2e.conftest import check_accessibility, login, logout
from e2e.test_dossier import PDF, act_for_bakery
from e2e.wizard_steps import fill_contact, fill_employee, next_step, open_tile
from portal import demo_life
from portal.domain.quarters import anniversary, quarter_of
from portal.extensions import db
from portal.models import Application


def load_life(portal) -> dict[str, tuple[int, str]]:
    """The demo dossiers: employee name -> (id, number); the evaluation request as "<name> (evaluatie)"."""
    with portal.app.app_context():
        demo_life.seed()
        found = {}
        for a in db.session.scalars(db.select(Application).where(
                Application.employee_national_number.in_([p.number for p in demo_life.PEOPLE]))):
            found[a.employee_name + (" (evaluatie)" if a.kind == "evaluatie" else "")] = (a.id, a.number)
        db.session.remove()
    return found


def open_dossier(page, number):
    page.get_by_role("link", name="Actuele stand van uw dossier").click()
    page.get_by_role("link", name=number, exact=True).click()
    expect(page.get_by_role("heading", name=f"Dossier {number}")).to_be_visible()


def test_an_allowed_evaluation_is_asked_and_reaches_the_work_queue(page, portal, tmp_path):
    life = load_life(portal)
    number = life["Hanne Smets"][1]
    login(page, "els")
    act_for_bakery(page)
    open_dossier(page, number)
    evaluation = page.get_by_role("region", name="Evaluatie")
    expect(evaluation).to_contain_text("U kunt nu een evaluatie aanvragen")
    check_accessibility(page)
    evaluation.get_by_role("button", name="Evalueren").click()
    expect(page.get_by_role("heading", name="Evaluatie aanvragen")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Toelichting").fill("Hanne werkt sinds kort in de nachtploeg.")
    page.get_by_role("button", name="Evaluatie aanvragen").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Kies wat u wilt laten evalueren.")
    expect(alert).to_contain_text("Voeg het document toe: motivatieverslag (voor werkgevers).")
    expect(page.get_by_label("Toelichting")).to_have_value("Hanne werkt sinds kort in de nachtploeg.")
    check_accessibility(page)
    pdf = tmp_path / "motivatieverslag Hanne.pdf"
    pdf.write_bytes(PDF)
    page.get_by_role("radio", name="Evaluatie van de duurtijd (verlenging)").check()
    page.get_by_label("Motivatieverslag (voor werkgevers)").set_input_files(str(pdf))
    page.get_by_role("button", name="Evaluatie aanvragen").click()
    expect(page.get_by_role("status")).to_contain_text("Uw aanvraag tot evaluatie")
    expect(page.get_by_text(f"gaat over dossier {number}")).to_be_visible()
    expect(page.get_by_role("link", name="motivatieverslag Hanne.pdf")).to_be_visible()
    check_accessibility(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Kopie van uw aanvraag (PDF)").click()
    copy = download.value.path().read_bytes()
    assert copy.startswith(b"%PDF")
    for text in (b"Kopie van uw aanvraag IM-", b"Evaluatie van de duurtijd", b"Ontvangen op",
                 b"Hanne werkt sinds kort in de nachtploeg.", b"motivatieverslag Hanne.pdf"):
        assert text in copy, text
    page.get_by_role("link", name=number).click()
    expect(page.get_by_role("region", name="Evaluatie")).to_contain_text("loopt al een aanvraag tot evaluatie")
    expect(page.get_by_role("button", name="Evalueren")).to_have_count(0)
    logout(page)

    login(page, "sofie")
    page.get_by_role("link", name="Werkbak", exact=True).click()
    row = page.get_by_role("row", name=re.compile("Hanne Smets")).filter(has_text="Evaluatie")
    expect(row).to_contain_text("nog 120 dag(en)")
    check_accessibility(page)


def test_an_evaluation_not_yet_allowed_says_from_when(page, portal):
    life = load_life(portal)
    with portal.app.app_context():
        begin = db.session.get(Application, life["Eva Lambrechts"][0]).dossier.begin
    login(page, "els")
    act_for_bakery(page)
    open_dossier(page, life["Eva Lambrechts"][1])
    evaluation = page.get_by_role("region", name="Evaluatie")
    expect(evaluation).to_contain_text(f"Een evaluatie van de hoogte kan vanaf het tweede jaar van de toekenning: "
                                       f"vanaf {anniversary(begin, 1):%d/%m/%Y}.")
    expect(evaluation.get_by_role("button", name="Evalueren")).to_have_count(0)
    check_accessibility(page)


def test_a_vop_evaluation_starts_from_the_vop_dossier(page, portal):
    """seed 003: a VOP of indefinite duration is evaluated through a new individueel-maatwerk application
    marked as a VOP evaluation, with what the VOP dossier knows filled in."""
    life = load_life(portal)
    number = life["Lien Hermans"][1]
    login(page, "els")
    act_for_bakery(page)
    open_dossier(page, number)
    evaluation = page.get_by_role("region", name="Evaluatie")
    expect(evaluation).to_contain_text("Een VOP van onbepaalde duur laat u evalueren")
    evaluation.get_by_role("button", name="Evaluatie van de VOP aanvragen").click()
    expect(page.get_by_text(f"evaluatie van VOP-dossier {number}")).to_be_visible()
    check_accessibility(page)
    page.goto("/aanvragen")
    expect(page.get_by_role("row", name=re.compile("Lien Hermans")).filter(has_text="Individueel maatwerk")).to_be_visible()


def test_a_departure_ends_the_premium_with_its_quarter(page, portal):
    life = load_life(portal)
    last_day = date.today()
    end = quarter_of(last_day).end
    login(page, "els")
    act_for_bakery(page)
    open_dossier(page, life["Bram Wouters"][1])
    page.get_by_role("link", name="Meld een wijziging").click()
    page.get_by_role("radio", name="De werknemer treedt uit dienst").check()
    page.get_by_role("button", name="Verder").click()
    # A day long before the application (seed 003: one applies while the employee is in service).
    page.get_by_label("Laatste werkdag van de werknemer").fill("2020-01-01")
    page.get_by_role("button", name="Wijziging melden").click()
    expect(page.get_by_text(re.compile("Fout: De laatste werkdag kan niet vóór de dag van de aanvraag"))).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Laatste werkdag van de werknemer").fill(last_day.isoformat())
    page.get_by_role("button", name="Wijziging melden").click()
    expect(page.get_by_role("status")).to_contain_text("Uw wijziging is gemeld")
    stand = page.get_by_role("region", name="Stand van zaken")
    expect(stand).to_contain_text("De werknemer is uit dienst")
    expect(stand).to_contain_text(f"{end:%d/%m/%Y}")
    check_accessibility(page)
    page.get_by_role("link", name="Meld een wijziging").click()
    expect(page.get_by_role("heading", name="Wijziging melden")).to_be_visible()
    expect(page.get_by_role("radio", name="De werknemer treedt uit dienst")).to_have_count(0)
    logout(page)

    login(page, "sofie")
    page.goto(f"/backoffice/dossiers/{life['Bram Wouters'][0]}")
    expect(page.get_by_role("row", name=re.compile("Werknemer uit dienst"))).to_contain_text("Els Peeters")


def test_a_refused_vop_is_reconsidered_without_javascript(page_without_js, portal):
    page = page_without_js
    life = load_life(portal)
    number = life["Sven Mertens"][1]
    login(page, "els")
    page.get_by_role("radio", name=re.compile("Schoonmaak Vandenbroucke")).check()
    page.get_by_role("button", name="Verder").click()
    open_dossier(page, number)
    region = page.get_by_role("region", name="Heroverweging")
    expect(region).to_contain_text("45 dagen na de weigeringsbrief")
    expect(region).to_contain_text("kan de werknemer opnieuw een aanvraag indienen bij VDAB")
    region.get_by_role("button", name="Heroverweging vragen").click()
    expect(page.get_by_role("heading", name="Heroverweging vragen")).to_be_visible()
    page.get_by_role("button", name="Heroverweging vragen").click()
    expect(page.get_by_role("alert")).to_contain_text("Schrijf waarom u een heroverweging vraagt.")
    page.get_by_label("Motivering van uw verzoek tot heroverweging").fill("Sven heeft een nieuw medisch verslag.")
    page.get_by_role("button", name="Heroverweging vragen").click()
    expect(page.get_by_role("status")).to_contain_text("Uw verzoek tot heroverweging")
    expect(page.get_by_text(f"gaat over dossier {number}")).to_be_visible()
    logout(page)

    login(page, "sofie")
    page.get_by_role("link", name="Werkbak", exact=True).click()
    expect(page.get_by_role("row", name=re.compile("Sven Mertens")).filter(has_text="Heroverweging")).to_be_visible()


def test_the_reconsideration_pages_are_accessible(page, portal):
    life = load_life(portal)
    login(page, "els")
    page.get_by_role("radio", name=re.compile("Schoonmaak Vandenbroucke")).check()
    page.get_by_role("button", name="Verder").click()
    open_dossier(page, life["Sven Mertens"][1])
    check_accessibility(page)
    page.get_by_role("region", name="Heroverweging").get_by_role("button", name="Heroverweging vragen").click()
    expect(page.get_by_role("heading", name="Heroverweging vragen")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Heroverweging vragen").click()
    expect(page.get_by_role("alert")).to_contain_text("Schrijf waarom u een heroverweging vraagt.")
    check_accessibility(page)


def refused_as_a_second_application(page, person, existing_number):
    """Save the Werknemer step for this person: the step stays, says why, and links the application
    that is already there."""
    fill_employee(page, national_number=person.number, first=person.name.split()[0], last=person.name.split()[1])
    page.get_by_role("button", name="Opslaan en verder").click()
    message = "Er loopt al een aanvraag voor deze werknemer. Per werknemer dient u één aanvraag in."
    expect(page.get_by_label("Rijksregisternummer (INSZ) van de werknemer")).to_have_accessible_description(
        re.compile(re.escape(message)))  # next to the field
    expect(page.get_by_role("link", name=message)).to_be_visible()  # and in the summary above, leading to it
    expect(page.get_by_role("link", name=f"open de bestaande aanvraag {existing_number}")).to_be_visible()
    expect(page.get_by_role("heading", name="Werknemer", exact=True)).to_be_visible()


def test_one_application_per_employee_also_while_the_premium_is_paid_on(page, portal):
    """seed 003_cf4b65171622c691.txt: one application per employee. A grant that runs blocks a new
    one; once its end date has passed it does not ("U moet in dit geval een nieuwe aanvraag
    indienen"), unless its premium is paid on because an evaluation request filed in time is not
    decided yet ("zal de premie verder betaald worden")."""
    life = load_life(portal)
    login(page, "els")
    act_for_bakery(page)
    open_tile(page)
    fill_contact(page)
    next_step(page, "Werknemer")
    refused_as_a_second_application(page, demo_life.EVA, life["Eva Lambrechts"][1])  # her grant runs
    check_accessibility(page)

    ruben_id, ruben_number = life["Ruben De Wilde"]  # his grant ended last quarter
    fill_employee(page, national_number=demo_life.RUBEN.number, first="Ruben", last="De Wilde")
    next_step(page, "Premie")

    with portal.app.app_context():  # an evaluation request filed seven months before that end, still open
        ruben = db.session.get(Application, ruben_id)
        filed = ruben.dossier.end - timedelta(days=210)
        demo_life._application(ruben.enterprise, ruben.created_by, demo_life.RUBEN, "im", "in_onderzoek",
                               "ontvankelijk", filed, kind="evaluatie", parent=ruben,
                               answers_extra={"evaluatie": {"soort": "duur", "grant_end": ruben.dossier.end.isoformat(),
                                                            "dossier": ruben_number}})
        db.session.commit()
        db.session.remove()
    page.get_by_role("link", name="Vorige stap").click()
    refused_as_a_second_application(page, demo_life.RUBEN, ruben_number)
