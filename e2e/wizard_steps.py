"""A user's steps through the wizard, shared by the browser tests."""

import re

from playwright.sync_api import expect

from e2e.conftest import check_accessibility, login


def choose_enterprise(page, name):
    page.get_by_role("radio", name=re.compile(name)).check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="Start nieuwe aanvraag")).to_be_visible()


def choose_school(page, name):
    page.get_by_role("radio", name=name).check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="Start nieuwe aanvraag")).to_be_visible()


def go_to_start(page):
    """Follow "Start nieuwe aanvraag" in the menu and wait for that page to load.

    The user is often on that page already, so its heading alone proves nothing: a tile clicked
    before the menu's navigation lands is undone by it.
    """
    with page.expect_navigation():
        page.get_by_role("link", name="Start nieuwe aanvraag").click()
    expect(page.get_by_role("heading", name="Start nieuwe aanvraag")).to_be_visible()


def open_tile(page, title="Individueel maatwerk"):
    go_to_start(page)
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    page.get_by_role("button", name="Nieuwe aanvraag starten").click()


def next_step(page, heading, a11y=True):
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    if a11y:
        check_accessibility(page)


def fill_contact(page, email="els@bakkerij-peeters.be"):
    expect(page.get_by_role("heading", name="Contactgegevens")).to_be_visible()
    page.get_by_label("Naam van de contactpersoon").fill("Els Peeters")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Telefoonnummer").fill("015 12 34 56")


def fill_employee(page, national_number="85.07.30-033.28", first="Pieter", last="Wouters"):
    page.get_by_label("Rijksregisternummer (INSZ) van de werknemer").fill(national_number)
    page.get_by_label("Voornaam").fill(first)
    page.get_by_label("Achternaam").fill(last)
    page.get_by_label("Datum van indiensttreding").fill("2025-03-01")
    page.get_by_label("Straat en huisnummer").fill("Bruul 12")
    page.get_by_label("Postcode").fill("2800")
    page.get_by_label("Gemeente").fill("Mechelen")
    page.get_by_label("Aantal uren tewerkstelling per week").fill("38")


def mailed_code(portal, address: str) -> str:
    """The six digits of the last code e-mail to this address, as the applicant reads it."""
    from portal.extensions import db
    from portal.models import OutboxMessage

    with portal.app.app_context():
        mail = db.session.scalars(db.select(OutboxMessage).filter(
            OutboxMessage.dedupe_key.startswith("adrescode:"), OutboxMessage.recipient == address)
            .order_by(OutboxMessage.id.desc())).first()
        db.session.remove()
    return re.search(r"\b(\d{6})\b", mail.body_text).group(1)


def confirm_email(page, portal):
    """The first time an enterprise uses a contact address: send the code, type it."""
    section = page.get_by_role("region", name="Bevestig het e-mailadres")
    if not section.count():
        return
    address = section.get_by_role("strong").first.inner_text()
    section.get_by_role("button", name=f"Code sturen naar {address}").click()
    expect(page.get_by_role("status").filter(has_text=f"We stuurden een code naar {address}")).to_be_visible()
    page.get_by_label("Code uit de e-mail").fill(mailed_code(portal, address))
    page.get_by_role("button", name="Code bevestigen").click()
    expect(page.get_by_role("status").filter(has_text=f"Het e-mailadres {address} is bevestigd")).to_be_visible()


def submit_from_review(page, portal):
    expect(page.get_by_role("heading", name="Overzicht van uw aanvraag")).to_be_visible()
    check_accessibility(page)
    confirm_email(page, portal)
    page.get_by_label("Ik verklaar dat alle gegevens in deze aanvraag juist en volledig zijn.").check()
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.get_by_role("heading", name="Uw aanvraag is ingediend")).to_be_visible()
    check_accessibility(page)
    return page.get_by_text(re.compile(r"Aanvraagnummer: \w+-\d{4}-\d{6}")).inner_text()


def to_the_premium_step(page, national_number="85.07.30-033.28", first="Pieter", last="Wouters"):
    """Els logs in for Bakkerij Peeters and starts an individueel-maatwerk application for this
    employee: contact and employee filled in, on the Premie step."""
    login(page, "els")
    choose_enterprise(page, "Bakkerij Peeters")
    open_tile(page)
    fill_contact(page)
    next_step(page, "Werknemer", a11y=False)
    fill_employee(page, national_number, first, last)
    next_step(page, "Premie", a11y=False)
