"""Browser tests: from a submitted dossier to a decision, staff and employer side by side."""

import re

from playwright.sync_api import expect

from e2e.conftest import check_accessibility, login, logout
from e2e.wizard_steps import next_step, submit_from_review, to_the_premium_step
from portal.extensions import db
from portal.models import Application, Enterprise, User
from tests import dossiers

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def submit_for_els(portal, premie="loonpremie", number="0403170701"):
    """A submitted application for a demo employee, for tests that start from the dossier (the main
    flow goes through the wizard: `apply_through_the_wizard`)."""
    with portal.app.app_context():
        enterprise = db.session.scalar(db.select(Enterprise).filter_by(number=number))
        els = db.session.scalar(db.select(User).filter_by(subject="els"))
        application = dossiers.submitted(enterprise, els, premie=premie, email="els@bakkerij-peeters.be")
        result = application.id, application.number
        db.session.remove()
    portal.run_jobs()
    portal.run_jobs()
    return result


def apply_through_the_wizard(page, portal):
    """Els applies for loonpremie for Pieter Wouters (demo: VDAB need loonpremie, DIMONA at the bakery)."""
    to_the_premium_step(page)
    page.get_by_role("radio", name="Loonpremie", exact=True).check()
    next_step(page, "Rekeningnummer", a11y=False)
    page.get_by_label("Rekeningnummer (IBAN) van de onderneming").fill("BE71 0961 2345 6769")
    next_step(page, "Documenten", a11y=False)
    page.get_by_role("button", name="Verder naar het overzicht").click()
    number = submit_from_review(page, portal).split(": ")[1]
    logout(page)
    while portal.run_jobs():  # confirmation, admissibility check, then its notice
        pass
    with portal.app.app_context():
        application = db.session.scalar(db.select(Application).filter_by(number=number))
        dossier_id, admissibility = application.id, application.admissibility
        db.session.remove()
    assert admissibility == "ontvankelijk"
    return dossier_id, number


def act_for_bakery(page):
    page.get_by_role("radio", name=re.compile("Bakkerij Peeters")).check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="Start nieuwe aanvraag")).to_be_visible()


def test_staff_ask_information_employer_answers_staff_approve(page, portal, tmp_path):
    dossier_id, number = apply_through_the_wizard(page, portal)
    login(page, "sofie")
    page.get_by_role("link", name="Werkbak", exact=True).click()
    expect(page.get_by_role("heading", name="Werkbak dossiers")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", name=f"Dossier {number}")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Welke informatie of documenten vraagt u?").fill("Bezorg het uurrooster van de werknemer.")
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("status")).to_contain_text("De vraag is verstuurd")
    logout(page)

    login(page, "els")
    act_for_bakery(page)
    page.get_by_role("link", name="Actuele stand van uw dossier").click()
    check_accessibility(page)
    page.get_by_role("link", name=number).click()
    expect(page.get_by_text("Bezorg het uurrooster van de werknemer.").first).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Uw antwoord").fill("Het uurrooster zit in bijlage.")
    pdf = tmp_path / "uurrooster.pdf"
    pdf.write_bytes(PDF)
    page.get_by_label(re.compile("Documenten")).set_input_files(str(pdf))
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_role("status")).to_contain_text("Uw antwoord is bij het departement")
    expect(page.get_by_role("link", name="uurrooster.pdf")).to_be_visible()
    logout(page)

    login(page, "sofie")
    page.goto(f"/backoffice/dossiers/{dossier_id}")
    expect(page.get_by_role("link", name="uurrooster.pdf")).to_be_visible()
    expect(page.get_by_label("Percentage loonpremie")).to_have_value("45")
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_role("status")).to_contain_text("goedgekeurd")
    check_accessibility(page)
    portal.run_jobs()
    decision = next(m for m in portal.mails() if "goedgekeurd" in m.subject)
    assert "Begindatum" in decision.text and decision.recipient == "els@bakkerij-peeters.be"
    link = f"{portal.url}/dossiers/{dossier_id}"
    assert link in decision.text
    page.goto("/backoffice/mailbox")
    page.get_by_role("link", name=decision.subject).click()
    expect(page.get_by_text("Wat nu?").first).to_be_visible()
    expect(page.get_by_role("link", name=link, exact=True)).to_be_visible()
    check_accessibility(page)
    logout(page)

    # The employer follows the link in the decision e-mail: login, enterprise, then the dossier.
    page.goto(link)
    page.get_by_label("Gebruikersnaam").fill("els")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("radio", name=re.compile("Bakkerij Peeters")).check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name=f"Dossier {number}")).to_be_visible()
    stand = page.get_by_role("region", name="Stand van zaken")
    expect(stand).to_contain_text("Goedgekeurd")
    expect(stand).to_contain_text("Begindatum")
    check_accessibility(page)


def test_not_admissible_shows_its_reason(page, portal):
    """seed 003_cf4b65171622c691.txt: the premium choice differs from VDAB's need."""
    dossier_id, number = submit_for_els(portal, premie="loonpremie_begeleiding")
    login(page, "els")
    act_for_bakery(page)
    page.goto(f"/dossiers/{dossier_id}")
    stand = page.get_by_role("region", name="Stand van zaken")
    expect(stand).to_contain_text("Niet ontvankelijk")
    expect(stand).to_contain_text("komt niet overeen met de behoefte die VDAB vaststelde")
    check_accessibility(page)


def test_state_refreshes_without_reload(page, portal):
    dossier_id, number = submit_for_els(portal)
    login(page, "els")
    act_for_bakery(page)
    page.goto(f"/dossiers/{dossier_id}")
    stand = page.get_by_role("region", name="Stand van zaken")
    expect(stand).to_contain_text("In onderzoek")
    with portal.app.app_context():
        from portal.services.dossiers import actions
        from portal.models import Application

        sofie = db.session.scalar(db.select(User).filter_by(subject="sofie"))
        actions.refuse(db.session.get(Application, dossier_id), sofie, "De werknemer is uit dienst.")
        db.session.remove()
    expect(stand).to_contain_text("Geweigerd", timeout=15_000)
    expect(stand).to_contain_text("De werknemer is uit dienst.")


def test_back_and_forward_between_the_list_and_a_dossier(page, portal):
    """The browser's Back and Forward restore the pages htmx swapped in, without a script error
    (the page fixture fails the test on one)."""
    dossier_id, number = submit_for_els(portal)
    login(page, "els")
    act_for_bakery(page)
    page.get_by_role("link", name="Actuele stand van uw dossier").click()
    expect(page.get_by_role("heading", name="Actuele stand van uw dossier")).to_be_visible()
    page.get_by_role("link", name=re.compile(number)).click()
    expect(page.get_by_role("heading", name=re.compile(number))).to_be_visible()
    page.go_back()
    expect(page.get_by_role("heading", name="Actuele stand van uw dossier")).to_be_visible()
    page.go_back()
    expect(page.get_by_role("heading", name="Start nieuwe aanvraag")).to_be_visible()
    page.go_forward()
    expect(page.get_by_role("heading", name="Actuele stand van uw dossier")).to_be_visible()
    page.go_forward()
    expect(page.get_by_role("heading", name=re.compile(number))).to_be_visible()


def test_employer_cannot_open_another_enterprises_dossier(page, portal):
    dossier_id, number = submit_for_els(portal)
    login(page, "karin")
    page.get_by_role("radio", name="GO! Atheneum Mechelen").check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="Start nieuwe aanvraag")).to_be_visible()
    page.goto(f"/dossiers/{dossier_id}")
    expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
    page.goto("/dossiers/")
    expect(page.get_by_text(number)).to_have_count(0)
    check_accessibility(page)


def test_staff_load_service_providers_from_csv(page, portal, tmp_path):
    """seed 003: a recognised service provider is picked from a list that staff load as CSV."""
    login(page, "sofie")
    page.get_by_role("link", name=re.compile("Referentiegegevens laden")).click()
    expect(page.get_by_role("heading", name="Referentiegegevens")).to_be_visible()
    check_accessibility(page)
    bad = tmp_path / "dienstverleners.csv"
    bad.write_text("code;naam;gemeente\nJOB-MECH;;Mechelen\n", encoding="utf-8")
    page.get_by_label("Bron").select_option("dienstverleners")
    page.get_by_label("CSV-bestand").set_input_files(str(bad))
    page.get_by_role("button", name="Laden").click()
    expect(page.get_by_role("alert")).to_contain_text("Regel 2: naam ontbreekt")
    check_accessibility(page)
    good = tmp_path / "dienstverleners-goed.csv"
    good.write_text("code;naam;gemeente\nJOB-MECH;Jobcoaching Mechelen vzw;Mechelen\n", encoding="utf-8")
    page.get_by_label("Bron").select_option("dienstverleners")
    page.get_by_label("CSV-bestand").set_input_files(str(good))
    page.get_by_role("button", name="Laden").click()
    expect(page.get_by_role("status")).to_contain_text("1 regel(s) geladen")
    with portal.app.app_context():
        from portal.models import ServiceProvider

        assert db.session.scalar(db.select(ServiceProvider.name).filter_by(code="JOB-MECH")) == "Jobcoaching Mechelen vzw"
        db.session.remove()
