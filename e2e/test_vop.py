"""Applying for the Vlaamse ondersteuningspremie in the browser (seeds 000, 001, 002)."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from e2e.conftest import check_accessibility, login
from e2e.wizard_steps import (choose_enterprise, fill_contact, fill_employee, go_to_start, next_step,
                              submit_from_review)
from portal.domain import vop
from portal.services.dossiers import submission as dossier_service
from portal.extensions import db
from portal.models import Application, Dossier, Enterprise, User
from tests import files


@pytest.fixture(autouse=True)
def today(portal):
    portal.app.config["LOKET_TODAY"] = "2026-11-23"
    yield
    portal.app.config.pop("LOKET_TODAY", None)


def open_vop(page):
    go_to_start(page)
    page.get_by_role("link", name="Vlaamse ondersteuningspremie").click()
    expect(page.get_by_role("heading", name="Welke aanvraag wilt u indienen?")).to_be_visible()
    check_accessibility(page)


def kind_section(page, title):
    return page.get_by_role("region", name=re.compile(f"^{title}"))


def answer_group(page, question, answer="Ja"):
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def fill_conditions(page, for_self=False):
    expect(page.get_by_role("heading", name="Voorwaarden")).to_be_visible()
    check_accessibility(page)
    for condition in vop.conditions_for(for_self):
        answer_group(page, condition.question)
    if not for_self:
        for _code, text in vop.DECLARATIONS:
            page.get_by_label(text).check()


def fill_cumulation(page, yes=None):
    for measure in vop.NON_CUMULABLE:
        answer_group(page, f"Krijgt u voor deze werknemer {measure.label}?", "Ja" if measure.code == yes else "Nee")


def upload_in(page, label, name="document.pdf"):
    section = page.get_by_role("region", name=re.compile(label))
    section.get_by_label(f"Bestand kiezen: {label}").set_input_files(
        files={"name": name, "mimeType": "application/pdf", "buffer": files.pdf()})
    section.get_by_role("button", name="Opladen").click()
    expect(section.get_by_role("link", name=name)).to_be_visible()


def base_steps_up_to_the_account(page):
    """A base application for Pieter Wouters: conditions met, no other support, up to the account."""
    fill_conditions(page)
    next_step(page, "Niet-cumuleerbare steun")
    fill_cumulation(page)
    next_step(page, "Contactgegevens")
    fill_contact(page)
    next_step(page, "Werknemer en tewerkstelling")
    fill_employee(page)
    next_step(page, "Rekeningnummer")


def base_application(portal, enterprise_number="0403170701", approved_until=None):
    """A submitted VOP base application for Pieter Wouters, optionally approved until a date."""
    with portal.app.app_context():
        enterprise = db.session.scalar(db.select(Enterprise).filter_by(number=enterprise_number))
        user = db.session.scalar(db.select(User).filter_by(subject="els"))
        answers = {"contact": {"name": "Els Peeters", "email": "els@bakkerij-peeters.be", "phone": "+32 15 12 34 56"},
                   "werknemer": {"national_number": "85073003328", "first_name": "Pieter", "last_name": "Wouters",
                                 "start_date": "2025-03-01", "street": "Bruul 12", "postcode": "2800",
                                 "municipality": "Mechelen", "hours": "38"}}
        application = Application(enterprise_id=enterprise.id, created_by_id=user.id, measure="vop", kind="basis",
                                  applicant_type="werkgever", answers=answers,
                                  employee_national_number="85073003328", employee_name="Pieter Wouters")
        db.session.add(application)
        db.session.commit()
        dossier_service.submit(application, user)
        db.session.remove()
    if approved_until is not None:
        approve_base(portal, approved_until)


def approve_base(portal, until):
    """The department approved Pieter Wouters's base application, until that date."""
    with portal.app.app_context():
        application = db.session.scalar(db.select(Application).filter_by(
            employee_national_number="85073003328", measure="vop", kind="basis"))
        application.state, application.admissibility = "goedgekeurd", "ontvankelijk"
        dossier = db.session.get(Dossier, application.id)
        dossier.begin, dossier.end = date(2025, 7, 1), until
        db.session.commit()
        db.session.remove()


def test_employer_base_application_end_to_end(page, portal):
    login(page, "els")
    choose_enterprise(page, "Bakkerij Peeters")
    open_vop(page)
    page.get_by_role("button", name="Basisaanvraag starten").click()
    expect(page.get_by_text("Stap 1 van 6")).to_be_visible()
    # Nothing answered yet, so nothing stops the application yet.
    expect(page.get_by_role("alert").filter(has_text="U kunt deze aanvraag niet verder indienen")).to_have_count(0)
    base_steps_up_to_the_account(page)
    expect(page.get_by_text("niet dat van uw werknemer")).to_be_visible()
    page.get_by_label("Rekeningnummer (IBAN) van de onderneming").fill("BE71 0961 2345 6769")
    next_step(page, "Documenten")
    page.get_by_role("button", name="Verder naar het overzicht").click()
    submit_from_review(page, portal)
    expect(page.get_by_text("4de kwartaal 2026")).to_be_visible()
    expect(page.get_by_text("niet met terugwerkende kracht vanaf de datum van indiensttreding")).to_be_visible()
    expect(page.get_by_text(re.compile("niet met terugwerkende kracht"))).to_be_visible()


def test_non_cumulation_yes_stops_the_wizard(page):
    login(page, "els")
    choose_enterprise(page, "Bakkerij Peeters")
    open_vop(page)
    page.get_by_role("button", name="Basisaanvraag starten").click()
    fill_conditions(page)
    next_step(page, "Niet-cumuleerbare steun")
    fill_cumulation(page, yes="beschutte_werkplaats")
    page.get_by_role("button", name="Opslaan en verder").click()
    alert = page.get_by_role("alert").filter(has_text="U kunt deze aanvraag niet verder indienen")
    expect(alert).to_contain_text("niet cumuleerbaar met de subsidie van loon en sociale lasten")
    expect(page.get_by_role("link", name=re.compile("Contactgegevens"))).to_have_count(0)
    check_accessibility(page)


def test_increase_refused_without_a_base_and_allowed_with_one(page, portal):
    login(page, "els")
    choose_enterprise(page, "Bakkerij Peeters")
    open_vop(page)
    increase = kind_section(page, "Verhoging")
    expect(increase).to_contain_text("Een verhoging kunt u pas aanvragen als er voor die werknemer al een basisaanvraag")
    expect(increase.get_by_role("button")).to_have_count(0)
    base_application(portal)
    page.reload()
    increase = kind_section(page, "Verhoging")  # seed 001: "Verhoging ... van goedgekeurde dossiers"
    expect(increase).to_contain_text("Een verhoging kan enkel voor een lopende, goedgekeurde VOP.")
    expect(increase.get_by_role("button")).to_have_count(0)
    approve_base(portal, date(2028, 6, 30))
    page.reload()
    increase = kind_section(page, "Verhoging")
    expect(increase.get_by_label(re.compile("Pieter Wouters"))).to_be_checked()
    check_accessibility(page)
    increase.get_by_role("button", name="Verhoging starten").click()
    fill_conditions(page)
    next_step(page, "Niet-cumuleerbare steun")
    fill_cumulation(page)
    next_step(page, "Contactgegevens")
    next_step(page, "Werknemer en tewerkstelling")
    expect(page.get_by_label("Voornaam")).to_have_value("Pieter")
    next_step(page, "Motivatie")
    page.get_by_label("Waarom volstaat de premie van 40% niet?").fill("Ernstige ziekteproblematiek, veel begeleiding.")
    next_step(page, "Rekeningnummer")
    page.get_by_label("Rekeningnummer (IBAN) van de onderneming").fill("BE71 0961 2345 6769")
    next_step(page, "Documenten")
    upload_in(page, "Motivatiedocument", "motivatie verhoging.pdf")
    page.get_by_role("button", name="Verder naar het overzicht").click()
    submit_from_review(page, portal)
    expect(page.get_by_text(re.compile("VDAB gaat ter plaatse na"))).to_be_visible()


def test_increase_unavailable_to_a_self_employed_person(page):
    login(page, "an")
    open_vop(page)
    increase = kind_section(page, "Verhoging")
    expect(increase).to_contain_text("Voor een zelfstandige zelf kan geen verhoging aangevraagd worden.")
    expect(increase.get_by_role("button")).to_have_count(0)


def test_extension_before_and_inside_its_window(page, portal):
    base_application(portal, approved_until=date(2027, 6, 30))
    login(page, "els")
    choose_enterprise(page, "Bakkerij Peeters")
    open_vop(page)
    extension = kind_section(page, "Verlenging")
    expect(extension).to_contain_text("kan dat vanaf 01/01/2027")
    expect(extension.get_by_role("button")).to_have_count(0)
    portal.app.config["LOKET_TODAY"] = "2027-01-15"
    page.reload()
    extension = kind_section(page, "Verlenging")
    expect(extension.get_by_label(re.compile("toegekend tot 30 juni 2027"))).to_be_checked()
    check_accessibility(page)
    extension.get_by_role("button", name="Verlenging starten").click()
    expect(page.get_by_role("heading", name="Voorwaarden")).to_be_visible()
    expect(page.get_by_text("Vlaamse ondersteuningspremie – Verlenging")).to_be_visible()


def test_self_employed_base_application_for_themselves_with_viability_proof(page, portal):
    login(page, "an")
    open_vop(page)
    page.get_by_role("button", name="Basisaanvraag starten").click()
    expect(page.get_by_role("heading", name="Voor wie")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Voor mezelf, als zelfstandige met een arbeidshandicap").check()
    next_step(page, "Voorwaarden")
    fill_conditions(page, for_self=True)
    next_step(page, "Contactgegevens")
    fill_contact(page, email="an@claes-ontwerp.be")
    next_step(page, "Uw gegevens als zelfstandige")
    page.get_by_label("Uw rijksregisternummer (INSZ)").fill("88.06.20-301.19")
    page.get_by_label("Voornaam").fill("An")
    page.get_by_label("Achternaam").fill("Claes")
    page.get_by_label("Sinds wanneer bent u zelfstandige?").fill("2026-04-01")
    page.get_by_label("hoofdberoep").check()
    next_step(page, "Rekeningnummer")
    # No employee here: the account is that of the self-employed activity (seed 001: "voor zichzelf").
    expect(page.get_by_label("Rekeningnummer (IBAN) van uw zelfstandige activiteit")).to_have_accessible_description(
        re.compile("dat van uw zelfstandige activiteit"))
    expect(page.get_by_role("main")).not_to_contain_text("werknemer")
    page.get_by_label("Rekeningnummer (IBAN) van uw zelfstandige activiteit").fill("BE71 0961 2345 6769")
    next_step(page, "Documenten")
    expect(page.get_by_role("heading", name="Laatst ontvangen aanslagbiljet")).to_have_count(0)
    page.get_by_role("button", name="Verder naar het overzicht").click()
    expect(page.get_by_role("alert")).to_contain_text("Voeg het document ‘Attest op leefbaarheid’ toe.")
    upload_in(page, "Attest op leefbaarheid", "attest leefbaarheid.pdf")
    page.get_by_role("button", name="Verder naar het overzicht").click()
    submit_from_review(page, portal)
    expect(page.get_by_text("4de kwartaal 2026")).to_be_visible()
    expect(page.get_by_text("niet met terugwerkende kracht betaald vanaf de start van uw zelfstandige activiteit")).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text("indiensttreding")


def test_staff_enter_a_paper_application(page, portal):
    login(page, "sofie")
    page.get_by_role("link", name="Papieren aanvraag").click()
    expect(page.get_by_role("heading", name="Papieren aanvraag invoeren")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Voor welke onderneming of school?").select_option(label="0403.170.701 – Bakkerij Peeters NV")
    page.get_by_label("Ontvangen op").fill("2020-01-05")  # a typing error: more than a year back
    page.get_by_role("button", name="Verder naar de aanvraag").click()
    expect(page.get_by_label("Ontvangen op")).to_have_accessible_description(
        re.compile("ontvangen op 05/01/2020 ligt meer dan een jaar terug: kijk de datum na"))
    expect(page.get_by_label("Voor welke onderneming of school?")).to_have_value(re.compile(r"^\d+:$"))
    check_accessibility(page)
    page.get_by_label("Ontvangen op").fill("2026-09-29")
    page.get_by_role("button", name="Verder naar de aanvraag").click()
    expect(page.get_by_role("region", name="Papieren aanvraag")).to_contain_text("Bakkerij Peeters NV")
    check_accessibility(page)
    page.get_by_role("button", name="Basisaanvraag starten").click()
    base_steps_up_to_the_account(page)
    page.get_by_label("Rekeningnummer (IBAN) van de onderneming").fill("BE71 0961 2345 6769")
    next_step(page, "Documenten")
    page.get_by_role("button", name="Verder naar het overzicht").click()
    submit_from_review(page, portal)
    expect(page.get_by_text("3de kwartaal 2026")).to_be_visible()
    expect(page.get_by_text(re.compile("Dit is een papieren aanvraag"))).to_be_visible()
    page.get_by_role("button", name="Stoppen met invoeren").click()
    expect(page.get_by_role("heading", name="Backoffice Departement WSE")).to_be_visible()
    with portal.app.app_context():
        application = db.session.scalar(db.select(Application).filter_by(measure="vop"))
        assert application.paper and application.state == "ingediend"
        db.session.remove()
