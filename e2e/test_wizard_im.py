"""Applying for individueel maatwerk: a user's steps through the wizard (seed 003)."""

import re

from playwright.sync_api import expect

from e2e.conftest import check_accessibility, login, logout
from e2e.wizard_steps import (
    choose_enterprise, choose_school, confirm_email, fill_contact, fill_employee, next_step, open_tile, submit_from_review,
    to_the_premium_step,
)
from tests import files


def upload_in(page, label, name, content, mime="application/pdf"):
    section = page.get_by_role("region", name=re.compile(label))
    section.get_by_label(f"Bestand kiezen: {label}").set_input_files(files={"name": name, "mimeType": mime, "buffer": content})
    section.get_by_role("button", name="Opladen").click()


def to_the_guide_step(page, a11y=True):
    """Els asks loonpremie en begeleidingspremie for Lotte Vermeulen, up to the guide step."""
    to_the_premium_step(page, "90.02.15-123.70", "Lotte", "Vermeulen")
    page.get_by_role("radio", name="Loonpremie en begeleidingspremie").check()
    next_step(page, "Begeleider en collega-coach", a11y=a11y)


def test_employer_completes_a_loonpremie_application(page, portal):
    login(page, "els")
    choose_enterprise(page, "Bakkerij Peeters")
    open_tile(page)
    check_accessibility(page)
    expect(page.get_by_text("Stap 1 van 5")).to_be_visible()
    fill_contact(page)
    next_step(page, "Werknemer")
    expect(page.get_by_text("Stap 2 van 5")).to_be_visible()
    fill_employee(page)
    next_step(page, "Premie")
    page.get_by_role("radio", name="Loonpremie", exact=True).check()
    next_step(page, "Rekeningnummer")
    page.get_by_label("Rekeningnummer (IBAN) van de onderneming").fill("BE71 0961 2345 6769")
    next_step(page, "Documenten")
    page.get_by_role("button", name="Verder naar het overzicht").click()
    expect(page.get_by_text("Pieter")).to_be_visible()
    number = submit_from_review(page, portal)
    page.get_by_role("link", name="Mijn aanvragen").first.click()
    expect(page.get_by_role("link", name=re.compile(number.split(": ")[1]))).to_be_visible()
    check_accessibility(page)


def test_errors_are_next_to_the_field_and_nothing_is_lost(page):
    login(page, "els")
    choose_enterprise(page, "Bakkerij Peeters")
    open_tile(page)
    page.get_by_label("Naam van de contactpersoon").fill("Els Peeters")
    page.get_by_label("E-mailadres").fill("els@")
    page.get_by_label("Telefoonnummer").fill("015 12 34 56")
    page.get_by_role("button", name="Opslaan en verder").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Vul een geldig e-mailadres in")
    check_accessibility(page)
    summary.get_by_role("link", name=re.compile("geldig e-mailadres")).click()
    expect(page.get_by_label("E-mailadres")).to_be_focused()
    expect(page.get_by_label("Naam van de contactpersoon")).to_have_value("Els Peeters")
    expect(page.get_by_label("E-mailadres")).to_have_attribute("aria-invalid", "true")


def test_field_is_checked_when_the_user_leaves_it(page):
    login(page, "els")
    choose_enterprise(page, "Bakkerij Peeters")
    open_tile(page)
    fill_contact(page)
    next_step(page, "Werknemer", a11y=False)
    page.get_by_label("Rijksregisternummer (INSZ) van de werknemer").fill("85.07.30-033.29")
    page.get_by_label("Voornaam").focus()
    expect(page.get_by_text("Dit rijksregisternummer bestaat niet: het controlegetal klopt niet.")).to_be_visible()
    expect(page.get_by_text("Vul de voornaam in.")).to_have_count(0)


def test_a_date_typed_by_keyboard_is_kept_shows_its_focus_and_an_absurd_year_is_refused(page):
    """The audit: a hiring date typed by keyboard became 0002-01-02 (the inline check swapped the
    field while the year was still being typed), and the date input showed no focus ring."""
    login(page, "els")
    choose_enterprise(page, "Bakkerij Peeters")
    open_tile(page)
    fill_contact(page)
    next_step(page, "Werknemer", a11y=False)
    page.get_by_label("Achternaam").focus()
    page.keyboard.press("Tab")
    hired = page.get_by_label("Datum van indiensttreding")
    expect(hired).to_be_focused()
    assert hired.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.keyboard.type("01032025")  # day and month in the order of the browser's own locale
    page.keyboard.press("Tab")
    expect(hired).to_have_value(re.compile(r"^2025-(03-01|01-03)$"))
    hired.fill("0002-01-02")
    page.get_by_label("Straat en huisnummer").focus()
    expect(hired).to_have_accessible_description(re.compile("Deze datum ligt te ver in het verleden"))
    check_accessibility(page)


def test_guidance_with_internal_guide_and_proof_upload(page, portal):
    to_the_guide_step(page)
    page.get_by_role("radio", name="Een interne begeleider (bij ons in dienst)").check()
    page.get_by_label("Naam van de interne begeleider").fill("Mia Claes")
    page.get_by_label("Naam van de collega-coach").fill("Jan De Bruyn")
    next_step(page, "Rekeningnummer", a11y=False)
    page.get_by_label("Rekeningnummer (IBAN) van de onderneming").fill("BE71096123456769")
    next_step(page, "Documenten")
    page.get_by_role("button", name="Verder naar het overzicht").click()
    expect(page.get_by_role("alert")).to_contain_text("Voeg het document ‘Bewijs van kwalificatie van de begeleider’ toe.")
    upload_in(page, "Bewijs van kwalificatie van de begeleider", "Kwalificatie Mia – été.pdf", files.pdf())
    expect(page.get_by_role("link", name="Kwalificatie Mia – été.pdf")).to_be_visible()
    # The reload after the upload leaves the focus on what happened, not at the top of the page.
    expect(page.get_by_role("status").filter(has_text="Opgeladen: Kwalificatie Mia – été.pdf")).to_be_focused()
    check_accessibility(page)
    page.get_by_role("button", name="Verder naar het overzicht").click()
    expect(page.get_by_text("Mia Claes")).to_be_visible()
    submit_from_review(page, portal)


def test_school_applies_and_answers_the_onderwijs_question(page, portal):
    login(page, "karin")
    choose_school(page, "GO! Atheneum Mechelen")
    open_tile(page)
    fill_contact(page, "karin@rivierenland.be")
    next_step(page, "Werknemer", a11y=False)
    fill_employee(page, "92.01.01-177.83", "Sara", "El Amrani")
    next_step(page, "Premie", a11y=False)
    page.get_by_role("radio", name="Loonpremie", exact=True).check()
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_role("alert")).to_contain_text("Departement Onderwijs")
    page.get_by_role("group", name="Is de werknemer tewerkgesteld via het Departement Onderwijs?").get_by_role("radio", name="Ja").check()
    next_step(page, "Rekeningnummer", a11y=False)
    page.get_by_label("Rekeningnummer (IBAN) van de onderneming").fill("BE43068999999501")
    next_step(page, "Documenten", a11y=False)
    page.get_by_role("button", name="Verder naar het overzicht").click()
    expect(page.get_by_text("Is de werknemer tewerkgesteld via het Departement Onderwijs?")).to_be_visible()
    submit_from_review(page, portal)
    expect(page.get_by_role("definition").filter(has_text="GO! Atheneum Mechelen")).to_be_visible()


def test_self_employed_applies_with_business_activity_proof(page, portal):
    login(page, "an")
    open_tile(page)
    fill_contact(page, "an@claes-ontwerp.be")
    next_step(page, "Uw gegevens als zelfstandige")
    page.get_by_label("Uw rijksregisternummer (INSZ)").fill("88.06.20-301.19")
    page.get_by_label("Voornaam").fill("An")
    page.get_by_label("Achternaam").fill("Claes")
    page.get_by_label("Sinds wanneer bent u zelfstandige?").fill("2019-05-01")
    page.get_by_role("radio", name="hoofdberoep").check()
    next_step(page, "Financiële ondersteuning voor zelfstandigen")
    page.get_by_label("Ik vraag de ondersteuningspremie voor zelfstandigen aan").check()
    next_step(page, "Rekeningnummer", a11y=False)
    page.get_by_label("Rekeningnummer (IBAN) van de onderneming").fill("BE62510007547061")
    next_step(page, "Documenten", a11y=False)
    upload_in(page, "Bewijs van voldoende bedrijfsactiviteiten", "aanslagbiljet 2025.docx", files.docx(),
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    expect(page.get_by_role("link", name="aanslagbiljet 2025.docx")).to_be_visible()
    page.get_by_role("button", name="Verder naar het overzicht").click()
    submit_from_review(page, portal)


def test_leave_midway_and_finish_the_same_draft_later(page, portal):
    login(page, "els")
    choose_enterprise(page, "Bakkerij Peeters")
    open_tile(page)
    fill_contact(page)
    next_step(page, "Werknemer", a11y=False)
    fill_employee(page)
    next_step(page, "Premie", a11y=False)
    page.get_by_role("link", name="Later verdergaan").click()
    logout(page)

    login(page, "els")
    choose_enterprise(page, "Bakkerij Peeters")
    page.get_by_role("link", name="Mijn aanvragen").first.click()
    expect(page.get_by_text("Vul de stap ‘Premie’ in.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Individueel maatwerk").click()
    expect(page.get_by_role("heading", name="Premie")).to_be_visible()
    page.get_by_role("link", name=re.compile("1. Contactgegevens")).click()
    expect(page.get_by_label("E-mailadres")).to_have_value("els@bakkerij-peeters.be")
    page.get_by_role("link", name=re.compile("3. Premie")).click()
    page.get_by_role("radio", name="Loonpremie", exact=True).check()
    next_step(page, "Rekeningnummer", a11y=False)
    page.get_by_label("Rekeningnummer (IBAN) van de onderneming").fill("BE71096123456769")
    next_step(page, "Documenten", a11y=False)
    page.get_by_role("button", name="Verder naar het overzicht").click()
    submit_from_review(page, portal)


def test_too_large_and_renamed_executable_are_refused(page):
    login(page, "els")
    choose_enterprise(page, "Bakkerij Peeters")
    open_tile(page)
    fill_contact(page)
    next_step(page, "Werknemer", a11y=False)
    fill_employee(page)
    next_step(page, "Premie", a11y=False)
    page.get_by_role("radio", name="Loonpremie", exact=True).check()
    next_step(page, "Rekeningnummer", a11y=False)
    page.get_by_label("Rekeningnummer (IBAN) van de onderneming").fill("BE71096123456769")
    next_step(page, "Documenten", a11y=False)
    field = page.get_by_label("Bestand kiezen: Extra documenten")
    upload_in(page, "Extra documenten", "scan.pdf", files.pdf(5 * 1024 * 1024))
    expect(field).to_have_accessible_description(re.compile("Het bestand is 5,0 MB groot. Een document mag hoogstens 4 MB groot zijn."))
    upload_in(page, "Extra documenten", "brief.pdf", files.EXE)
    expect(field).to_have_accessible_description(re.compile("Dit bestand is geen echt PDF- of Word-document"))
    check_accessibility(page)
    expect(page.get_by_role("list", name=re.compile("Opgeladen"))).to_have_count(0)


def to_documents(page, national_number="85.07.30-033.28", iban="BE71096123456769", email="els@bakkerij-peeters.be"):
    fill_contact(page, email)
    next_step(page, "Werknemer", a11y=False)
    fill_employee(page, national_number)
    next_step(page, "Premie", a11y=False)
    page.get_by_role("radio", name="Loonpremie", exact=True).check()
    onderwijs = page.get_by_role("group", name="Is de werknemer tewerkgesteld via het Departement Onderwijs?")
    if onderwijs.count():
        onderwijs.get_by_role("radio", name="Nee").check()
    if iban:
        next_step(page, "Rekeningnummer", a11y=False)
        page.get_by_label("Rekeningnummer (IBAN) van de onderneming").fill(iban)
    next_step(page, "Documenten", a11y=False)


def test_an_interrupted_upload_resumes_where_it_stopped(page):
    login(page, "els")
    choose_enterprise(page, "Bakkerij Peeters")
    open_tile(page)
    to_documents(page)
    ranges = []
    state = {"cut": True}

    def cut_second_chunk(route):
        ranges.append(route.request.headers["content-range"])
        if state["cut"] and len(ranges) == 2:
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/uploads/*", cut_second_chunk)
    content = files.pdf(1024 * 1024)
    upload_in(page, "Extra documenten", "ondersteuningsplan.pdf", content)
    expect(page.get_by_text(re.compile("De verbinding werd onderbroken na 25%"))).to_be_visible()
    check_accessibility(page)
    state["cut"] = False
    upload_in(page, "Extra documenten", "ondersteuningsplan.pdf", content)
    expect(page.get_by_role("link", name="ondersteuningsplan.pdf")).to_be_visible()
    resumed = ranges[2:]
    assert resumed[0].startswith("bytes 262144-"), ranges
    assert not any(r.startswith("bytes 0-") for r in resumed), ranges


def test_bank_step_is_skipped_on_a_second_application_of_the_enterprise(page, portal):
    login(page, "els")
    choose_enterprise(page, "Bakkerij Peeters")
    open_tile(page)
    to_documents(page)
    page.get_by_role("button", name="Verder naar het overzicht").click()
    submit_from_review(page, portal)
    open_tile(page)
    to_documents(page, "90.02.15-123.70", iban=None)
    expect(page.get_by_text("Stap 4 van 4")).to_be_visible()
    page.get_by_role("button", name="Verder naar het overzicht").click()
    expect(page.get_by_text(re.compile("BE71 •••• •••• 6769"))).to_be_visible()


def test_an_account_step_left_open_while_a_colleague_submits_goes_on_to_the_documents(page, portal):
    """Els has the account step open in one tab and submits another application, with the account,
    in a second tab. Saving the first tab's step then is not refused: the account is known now, so
    she goes on to the documents and reads why."""
    to_the_premium_step(page, "90.02.15-123.70", "Lotte", "Vermeulen")
    page.get_by_role("radio", name="Loonpremie", exact=True).check()
    next_step(page, "Rekeningnummer", a11y=False)
    page.get_by_label("Rekeningnummer (IBAN) van de onderneming").fill("BE68 5390 0754 7034")

    second_tab = page.context.new_page()
    second_tab.goto("/aanvraag")
    open_tile(second_tab)
    to_documents(second_tab)
    second_tab.get_by_role("button", name="Verder naar het overzicht").click()
    submit_from_review(second_tab, portal)
    second_tab.close()

    next_step(page, "Documenten")
    expect(page.get_by_text("De stap ‘Rekeningnummer’ is voor deze aanvraag niet meer nodig")).to_be_visible()
    page.get_by_role("button", name="Verder naar het overzicht").click()
    expect(page.get_by_text(re.compile("BE71 •••• •••• 6769"))).to_be_visible()


def test_bank_step_is_skipped_for_another_school_of_the_same_group(page, portal):
    login(page, "karin")
    choose_school(page, "GO! Atheneum Mechelen")
    open_tile(page)
    to_documents(page, "92.01.01-177.83", "BE43068999999501", "karin@rivierenland.be")
    page.get_by_role("button", name="Verder naar het overzicht").click()
    submit_from_review(page, portal)
    page.get_by_role("link", name="Andere school").click()
    expect(page.get_by_role("heading", name="Kies uw school")).to_be_visible()
    choose_school(page, "GO! Basisschool De Linde")
    open_tile(page)
    to_documents(page, "01.03.04-455.49", None, "karin@rivierenland.be")
    page.get_by_role("button", name="Verder naar het overzicht").click()
    expect(page.get_by_text(re.compile("BE43 •••• •••• 9501"))).to_be_visible()
    expect(page.get_by_text(re.compile("alle scholen van de scholengroep"))).to_be_visible()
    submit_from_review(page, portal)


def test_the_whole_wizard_works_without_javascript(page_without_js, portal):
    page = page_without_js
    to_the_guide_step(page, a11y=False)
    page.get_by_role("radio", name="Een erkende dienstverlener").check()
    page.get_by_role("combobox", name="Erkende dienstverlener").select_option(label="GTB Vlaanderen (Antwerpen)")
    page.get_by_label("Naam van de collega-coach").fill("Jan De Bruyn")
    next_step(page, "Rekeningnummer", a11y=False)
    page.get_by_label("Rekeningnummer (IBAN) van de onderneming").fill("BE71 0961 2345 6769")
    next_step(page, "Documenten", a11y=False)
    upload_in(page, "Extra documenten", "brief.pdf", files.EXE)
    expect(page.get_by_label("Bestand kiezen: Extra documenten")).to_have_accessible_description(
        re.compile("Dit bestand is geen echt PDF- of Word-document"))
    upload_in(page, "Extra documenten", "ondersteuningsplan.docx", files.docx(),
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    expect(page.get_by_role("link", name="ondersteuningsplan.docx")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Opgeladen: ondersteuningsplan.docx")).to_be_focused()
    page.get_by_role("button", name="Verder naar het overzicht").click()
    expect(page.get_by_text("GTB Vlaanderen (Antwerpen)")).to_be_visible()
    confirm_email(page, portal)
    page.get_by_label("Ik verklaar dat alle gegevens in deze aanvraag juist en volledig zijn.").check()
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.get_by_role("heading", name="Uw aanvraag is ingediend")).to_be_visible()


def test_a_recognised_service_provider_is_found_by_searching(page):
    to_the_guide_step(page, a11y=False)
    page.get_by_role("radio", name="Een erkende dienstverlener").check()
    page.get_by_label("Zoek in de lijst: Erkende dienstverlener").fill("hass")
    providers = page.get_by_role("combobox", name="Erkende dienstverlener")
    expect(providers.get_by_role("option")).to_have_count(2)  # the prompt and the one match
    providers.select_option(label="Jobcoaching Limburg vzw (Hasselt)")
    check_accessibility(page)
    page.get_by_label("Naam van de collega-coach").fill("Jan De Bruyn")
    next_step(page, "Rekeningnummer", a11y=False)
