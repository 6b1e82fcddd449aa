"""Browser tests of three lists and one staff form that had none: the applicant's "Actuele stand"
paged by 50, the staff form for VDAB's outcome of a WOP request (seed 004_a9eebd248ec7c11d.txt:
VDAB decides within 20 days of the workplace talk; after a refusal the HOC and, two months after the
registered letter, the labour court), and the Werkbak filter on WOP requests waiting for that outcome."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from e2e.conftest import check_accessibility, login, logout
from e2e.test_dossier import act_for_bakery
from e2e.test_dossier_life import load_life, open_dossier
from portal import demo_life
from portal.applicant.dossiers.routes import PAGE_SIZE
from portal.clock import today
from portal.domain import wop
from portal.extensions import db
from portal.models import Application, Enterprise, User, WopRequest
from portal.services.dossiers import wop_requests
from portal.templating import long_date
from portal.tokens import digest
from tests import dossiers

WOP_REGION = "Werkondersteuningspakket"
STAFF_WOP_REGION = "Werkondersteuningspakket: vragen aan VDAB"
WOP_FILTER = "Met een vraag over het werkondersteuningspakket bij VDAB, zonder uitkomst"


def _submit_many(portal, count: int) -> list[str]:
    """`count` submitted dossiers of Bakkerij Peeters, each for another employee; their numbers, oldest first."""
    with portal.app.app_context():
        bakery = db.session.scalar(db.select(Enterprise).filter_by(number="0403170701"))
        els = db.session.scalar(db.select(User).filter_by(subject="els"))
        numbers = [dossiers.submitted(bakery, els, national_number=demo_life.national_number("700101", 300 + i),
                                      name=f"Werknemer Nummer{i:02d}").number for i in range(count)]
        db.session.remove()
    return numbers


def _sign(portal, application_id: int) -> None:
    """The employee signs the dossier's WOP evaluation through the service (the link itself is
    e2e/test_wop.py's): the request then reaches VDAB."""
    with portal.app.app_context():
        row = db.session.scalar(db.select(WopRequest).filter_by(application_id=application_id, kind="evaluatie"))
        row.token_hash = digest("e2e-token")
        db.session.commit()
        wop_requests.sign("e2e-token", "Hanne Smets")
        db.session.remove()


def _ask_correction(portal, application_id: int) -> None:
    """The employer asks VDAB to correct the package (within 8 weeks of hiring): at VDAB at once."""
    with portal.app.app_context():
        application = db.session.get(Application, application_id)
        els = db.session.scalar(db.select(User).filter_by(subject="els"))
        wop_requests.request_correction(application, els, "Het pakket houdt geen rekening met de nachtploeg.", [])
        db.session.remove()


def _employer_reads_the_20_day_term(page, number: str, talk_on):
    """Els opens the dossier: its package region says by when VDAB decides (seed 004: 20 days after
    the workplace talk). Returns that region."""
    login(page, "els")
    act_for_bakery(page)
    open_dossier(page, number)
    region = page.get_by_role("region", name=WOP_REGION, exact=True)
    expect(region).to_contain_text(f"VDAB beslist uiterlijk op {long_date(wop.vdab_decision_by(talk_on))} "
                                   "(20 dagen na het gesprek)")
    return region


def test_the_actuele_stand_shows_fifty_dossiers_a_page_and_the_rest_on_the_next(page, portal):
    count = PAGE_SIZE + 7
    numbers = _submit_many(portal, count)
    newest_first = numbers[::-1]
    login(page, "els")
    act_for_bakery(page)
    page.get_by_role("link", name="Actuele stand van uw dossier").click()
    expect(page.get_by_role("heading", name="Actuele stand van uw dossier")).to_be_visible()
    table = page.get_by_role("table", name="Uw dossiers")
    pages = page.get_by_role("navigation", name="Pagina's van uw dossiers")
    expect(pages).to_contain_text(f"Pagina 1 van 2 ({count} dossiers)")
    expect(table.get_by_role("row")).to_have_count(PAGE_SIZE + 1)  # with the header row
    expect(table.get_by_role("link", name=newest_first[0], exact=True)).to_be_visible()
    expect(table.get_by_role("link", name=newest_first[PAGE_SIZE - 1], exact=True)).to_be_visible()
    expect(table.get_by_role("link", name=newest_first[PAGE_SIZE], exact=True)).to_have_count(0)
    expect(pages.get_by_role("link", name="Vorige pagina")).to_have_count(0)
    check_accessibility(page)

    pages.get_by_role("link", name="Volgende pagina").click()
    expect(pages).to_contain_text(f"Pagina 2 van 2 ({count} dossiers)")
    expect(page).to_have_url(re.compile(r"pagina=2"))
    expect(table.get_by_role("row")).to_have_count(count - PAGE_SIZE + 1)
    for number in newest_first[PAGE_SIZE:]:
        expect(table.get_by_role("link", name=number, exact=True)).to_be_visible()
    expect(table.get_by_role("link", name=newest_first[0], exact=True)).to_have_count(0)
    expect(pages.get_by_role("link", name="Volgende pagina")).to_have_count(0)
    check_accessibility(page)

    pages.get_by_role("link", name="Vorige pagina").click()
    expect(pages).to_contain_text(f"Pagina 1 van 2 ({count} dossiers)")
    expect(table.get_by_role("link", name=newest_first[0], exact=True)).to_be_visible()


def test_staff_record_a_refusal_and_the_employer_reads_the_hoc_and_labour_court_terms(page, portal):
    life = load_life(portal)
    hanne_id, number = life["Hanne Smets"]
    _sign(portal, hanne_id)
    # Hanne's request went to VDAB two days ago (portal/demo_life.py): the talk and the letter follow it (seed 004).
    talk_on, letter_on = today() - timedelta(days=2), today() - timedelta(days=1)
    login(page, "sofie")
    page.get_by_role("link", name="Werkbak", exact=True).click()
    page.get_by_label("Gemelde wijzigingen").select_option(label=WOP_FILTER)
    page.get_by_role("button", name="Filteren").click()
    expect(page).to_have_url(re.compile(r"wijziging=wop"))
    check_accessibility(page)
    page.get_by_role("row", name=re.compile("Hanne Smets")).get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", name=f"Dossier {number}")).to_be_visible()
    region = page.get_by_role("region", name=STAFF_WOP_REGION)
    expect(region).to_contain_text("Hanne Smets")  # the employee's signature
    outcome = region.get_by_label("Uitkomst", exact=True)
    talk = region.get_by_label("Datum van het gesprek op de werkvloer")
    letter = region.get_by_label("Datum van de (aangetekende) brief van VDAB")
    expect(talk).to_have_accessible_description(re.compile("VDAB beslist binnen 20 dagen"))
    check_accessibility(page)

    outcome.select_option(label="VDAB weigerde de aanvraag")
    talk.fill(f"{talk_on:%Y-%m-%d}")
    region.get_by_role("button", name="Uitkomst registreren").click()
    region = page.get_by_role("region", name=STAFF_WOP_REGION)
    letter = region.get_by_label("Datum van de (aangetekende) brief van VDAB")
    expect(letter).to_have_attribute("aria-invalid", "true")
    expect(letter).to_have_accessible_description("Fout: Vul de datum van de brief in.")
    expect(region.get_by_text("Vul de datum van de brief in.")).to_be_visible()
    expect(region.get_by_label("Uitkomst", exact=True)).to_have_value("geweigerd")
    expect(region.get_by_label("Datum van het gesprek op de werkvloer")).to_have_value(f"{talk_on:%Y-%m-%d}")
    check_accessibility(page)

    letter.fill(f"{letter_on:%Y-%m-%d}")
    region.get_by_role("button", name="Uitkomst registreren").click()
    expect(page.get_by_role("status")).to_contain_text("De uitkomst van VDAB is geregistreerd.")
    region = page.get_by_role("region", name=STAFF_WOP_REGION)
    expect(region).to_contain_text(f"VDAB weigerde de aanvraag; gesprek op {long_date(talk_on)}; "
                                   f"brief van {long_date(letter_on)}")
    expect(region.get_by_role("button", name="Uitkomst registreren")).to_have_count(0)
    logout(page)

    region = _employer_reads_the_20_day_term(page, number, talk_on)
    expect(region).to_contain_text(f"VDAB weigerde de aanvraag (aangetekende brief van {long_date(letter_on)})")
    expect(region).to_contain_text("heroverwegingscommissie (HOC) van VDAB")
    expect(region).to_contain_text(f"na de brief van {long_date(letter_on)} tot en met "
                                   f"{long_date(wop.labour_court_until(letter_on))}")
    check_accessibility(page)


def test_staff_record_an_outcome_without_javascript_and_the_employer_reads_the_20_day_term(page_without_js, portal):
    page = page_without_js
    life = load_life(portal)
    hanne_id, number = life["Hanne Smets"]
    _sign(portal, hanne_id)
    talk_on, letter_on = today() - timedelta(days=2), today()  # the request was two days ago (seed 004 order)
    login(page, "sofie")
    page.goto(f"/backoffice/dossiers/{hanne_id}")
    region = page.get_by_role("region", name=STAFF_WOP_REGION)
    region.get_by_label("Uitkomst", exact=True).select_option(label="VDAB paste het werkondersteuningspakket aan")
    region.get_by_label("Datum van het gesprek op de werkvloer").fill(f"{talk_on:%Y-%m-%d}")
    region.get_by_label("Datum van de (aangetekende) brief van VDAB").fill(f"{letter_on:%Y-%m-%d}")
    region.get_by_role("button", name="Uitkomst registreren").click()
    expect(page.get_by_role("status")).to_contain_text("De uitkomst van VDAB is geregistreerd.")
    logout(page)

    region = _employer_reads_the_20_day_term(page, number, talk_on)
    expect(region).to_contain_text("VDAB paste het werkondersteuningspakket aan")
    expect(region).not_to_contain_text("heroverwegingscommissie")
    expect(region).not_to_contain_text("arbeidsrechtbank")


def test_the_werkbak_filter_shows_the_wop_requests_waiting_for_vdab_without_javascript(page_without_js, portal):
    """A plain GET form. (axe needs JavaScript: the filtered Werkbak is checked in the refusal test.)"""
    page = page_without_js
    life = load_life(portal)
    login(page, "sofie")
    page.get_by_role("link", name="Werkbak", exact=True).click()
    table = page.get_by_role("table", name="Dossiers, dringendste eerst")
    expect(table.get_by_role("row", name=re.compile("Jan Verstraeten"))).to_be_visible()
    filters = page.get_by_role("form", name="Dossiers filteren")
    filters.get_by_label("Gemelde wijzigingen").select_option(label=WOP_FILTER)
    filters.get_by_role("button", name="Filteren").click()
    expect(page).to_have_url(re.compile(r"wijziging=wop"))
    # Hanne's evaluation waits for her signature: not at VDAB yet.
    expect(page.get_by_text("Geen dossiers voor deze filter.")).to_be_visible()

    _sign(portal, life["Hanne Smets"][0])
    _ask_correction(portal, life["Eva Lambrechts"][0])
    page.reload()
    filters = page.get_by_role("form", name="Dossiers filteren")
    expect(filters.get_by_label("Gemelde wijzigingen")).to_have_value("wop")
    rows = table.get_by_role("row")
    expect(rows).to_have_count(3)  # the header and the two requests at VDAB
    expect(table.get_by_role("row", name=re.compile("Hanne Smets"))).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("Eva Lambrechts"))).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("Jan Verstraeten"))).to_have_count(0)

    table.get_by_role("link", name=life["Eva Lambrechts"][1]).click()
    region = page.get_by_role("region", name=STAFF_WOP_REGION)
    region.get_by_label("Uitkomst", exact=True).select_option(label="VDAB behield het werkondersteuningspakket")
    region.get_by_label("Datum van de (aangetekende) brief van VDAB").fill(f"{today():%Y-%m-%d}")
    region.get_by_role("button", name="Uitkomst registreren").click()
    expect(page.get_by_role("status")).to_contain_text("De uitkomst van VDAB is geregistreerd.")
    page.get_by_role("link", name="Terug naar de werkbak").click()
    filters = page.get_by_role("form", name="Dossiers filteren")
    filters.get_by_label("Gemelde wijzigingen").select_option(label=WOP_FILTER)
    filters.get_by_role("button", name="Filteren").click()
    expect(table.get_by_role("row")).to_have_count(2)
    expect(table.get_by_role("row", name=re.compile("Hanne Smets"))).to_be_visible()


def _ask_signed_evaluation(portal, application_id: int) -> None:
    """The employer asks an early evaluation for doorstroom and the employee signed it: at VDAB."""
    with portal.app.app_context():
        application = db.session.get(Application, application_id)
        els = db.session.scalar(db.select(User).filter_by(subject="els"))
        row = wop_requests.request_evaluation(application, els, "doorstroom", "Eva kan doorstromen.",
                                              today() - timedelta(days=30), "eva.lambrechts@telenet.be", [])
        row.token_hash = wop_requests.digest("e2e-eva")
        db.session.commit()
        wop_requests.sign("e2e-eva", "Eva Lambrechts")
        db.session.remove()


def test_two_requests_at_vdab_on_one_dossier_each_have_their_own_outcome_form(page, portal):
    """A correction and an evaluation of Eva's package both wait for VDAB: each form's fields are its own."""
    life = load_life(portal)
    eva_id, number = life["Eva Lambrechts"]
    _ask_correction(portal, eva_id)
    _ask_signed_evaluation(portal, eva_id)
    login(page, "sofie")
    page.goto(f"/backoffice/dossiers/{eva_id}")
    region = page.get_by_role("region", name=STAFF_WOP_REGION)
    expect(region.get_by_role("button", name="Uitkomst registreren")).to_have_count(2)
    expect(region.get_by_label("Uitkomst", exact=True)).to_have_count(2)
    check_accessibility(page)
    # The requests in the order they were made: the correction first, the evaluation second.
    region.get_by_label("Uitkomst", exact=True).nth(1).select_option(label="VDAB startte een doorstroomtraject")
    region.get_by_role("button", name="Uitkomst registreren").nth(1).click()
    region = page.get_by_role("region", name=STAFF_WOP_REGION)
    letters = region.get_by_label("Datum van de (aangetekende) brief van VDAB")
    expect(letters.nth(1)).to_have_accessible_description("Fout: Vul de datum van de brief in.")
    expect(letters.nth(0)).not_to_have_attribute("aria-invalid", "true")
    expect(region.get_by_label("Uitkomst", exact=True).nth(1)).to_have_value("doorstroom")
    expect(region.get_by_label("Uitkomst", exact=True).nth(0)).to_have_value("")
    letters.nth(1).fill(f"{today():%Y-%m-%d}")
    region.get_by_role("button", name="Uitkomst registreren").nth(1).click()
    expect(page.get_by_role("status")).to_contain_text("De uitkomst van VDAB is geregistreerd.")
    region = page.get_by_role("region", name=STAFF_WOP_REGION)
    expect(region).to_contain_text("VDAB startte een doorstroomtraject")
    expect(region.get_by_role("button", name="Uitkomst registreren")).to_have_count(1)


def test_staff_record_the_day_vdab_evaluated_an_evaluation_request(page, portal):
    """seed 003_cf4b65171622c691.txt: an evaluation request is handled within 120 days of receipt,
    VDAB evaluating within them. Staff record the day VDAB evaluated (a day to come is refused next
    to the field, what was typed kept); the deadline stays where it was."""
    life = load_life(portal)
    evaluation_id, _number = life["Tim Goossens (evaluatie)"]
    login(page, "sofie")
    page.goto(f"/backoffice/dossiers/{evaluation_id}")
    deadline = page.get_by_text(re.compile(r"^ten laatste "))
    expect(page.get_by_text("Beslissen binnen 120 dagen na ontvangst")).to_be_visible()
    before = deadline.inner_text()
    day = page.get_by_label("Datum van de evaluatie door VDAB")
    tomorrow = f"{today() + timedelta(days=1):%Y-%m-%d}"
    day.fill(tomorrow)
    page.get_by_role("button", name="Datum van de evaluatie vastleggen").click()
    expect(page.get_by_text("kan niet in de toekomst liggen").first).to_be_visible()
    expect(day).to_have_value(tomorrow)
    expect(day).to_have_attribute("aria-invalid", "true")
    check_accessibility(page)
    evaluated_on = today() - timedelta(days=2)
    day.fill(f"{evaluated_on:%Y-%m-%d}")
    page.get_by_role("button", name="Datum van de evaluatie vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("De datum van de evaluatie door VDAB is vastgelegd.")
    expect(page.get_by_text(f"op {long_date(evaluated_on)}").first).to_be_visible()
    expect(page.get_by_text(f"VDAB evalueerde op {evaluated_on:%d/%m/%Y}.")).to_be_visible()
    expect(deadline).to_have_text(before)

