"""Browser tests: an employer reports a change on a running dossier, staff handle it
(seed 003_cf4b65171622c691.txt, step 7)."""

import re

from playwright.sync_api import expect

from e2e.conftest import check_accessibility, login, logout
from e2e.test_dossier import PDF, act_for_bakery, submit_for_els


def open_dossier(page, number):
    page.get_by_role("link", name="Actuele stand van uw dossier").click()
    page.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", name=f"Dossier {number}")).to_be_visible()


def test_employer_reports_a_new_contact_person_and_staff_handle_it(page, portal):
    dossier_id, number = submit_for_els(portal)
    login(page, "els")
    act_for_bakery(page)
    open_dossier(page, number)
    page.get_by_role("link", name="Meld een wijziging").click()
    expect(page.get_by_role("heading", name="Wijziging melden")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies wat er wijzigt.")
    page.get_by_role("radio", name="De contactpersoon voor het dossier wijzigt").check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="De contactpersoon voor het dossier wijzigt")).to_be_visible()
    page.get_by_label("Naam van de contactpersoon").fill("Mia Janssens")
    page.get_by_label("E-mailadres").fill("mia@")
    page.get_by_label("Telefoonnummer").fill("015 12 34 56")
    page.get_by_role("button", name="Wijziging melden").click()
    expect(page.get_by_text("Vul een geldig e-mailadres in").first).to_be_visible()
    expect(page.get_by_label("Naam van de contactpersoon")).to_have_value("Mia Janssens")
    check_accessibility(page)
    page.get_by_label("E-mailadres").fill("mia@bakkerij-peeters.be")
    page.get_by_role("button", name="Wijziging melden").click()
    expect(page.get_by_role("status")).to_contain_text("Uw wijziging is gemeld")
    changes = page.get_by_role("region", name="Wijzigingen")
    expect(changes).to_contain_text("Nieuwe contactpersoon: Mia Janssens")
    expect(changes).to_contain_text("nog niet verwerkt")
    logout(page)

    portal.run_jobs()
    confirmation = next(m for m in portal.mails() if "Wij ontvingen uw wijziging" in m.subject)
    assert confirmation.recipient == "mia@bakkerij-peeters.be" and "Mia Janssens" in confirmation.text

    login(page, "sofie")
    page.get_by_role("link", name="Werkbak", exact=True).click()
    page.get_by_label("Gemelde wijzigingen").select_option(label="Met een wijziging die nog verwerkt moet worden")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("row", name=re.compile(number))).to_contain_text("Wijziging gemeld")
    check_accessibility(page)
    page.get_by_role("link", name=number).click()
    expect(page.get_by_role("region", name="Gemelde wijzigingen")).to_contain_text("Nieuwe contactpersoon: Mia Janssens")
    check_accessibility(page)
    page.get_by_role("button", name=re.compile("Markeer als verwerkt")).click()
    expect(page.get_by_role("status")).to_contain_text("De wijziging is verwerkt")
    expect(page.get_by_role("button", name=re.compile("Markeer als verwerkt"))).to_have_count(0)
    logout(page)

    login(page, "els")
    act_for_bakery(page)
    open_dossier(page, number)
    expect(page.get_by_role("region", name="Wijzigingen")).to_contain_text("verwerkt")
    expect(page.get_by_role("region", name="Wijzigingen")).not_to_contain_text("nog niet verwerkt")


def test_a_new_bank_account_is_reported_without_javascript(page_without_js, portal, tmp_path):
    page = page_without_js
    dossier_id, number = submit_for_els(portal)
    login(page, "els")
    act_for_bakery(page)
    page.goto(f"/dossiers/{dossier_id}")
    page.get_by_role("link", name="Meld een wijziging").click()
    page.get_by_role("radio", name="Het rekeningnummer wijzigt").check()
    page.get_by_role("button", name="Verder").click()
    page.get_by_label("Nieuw rekeningnummer (IBAN) van de onderneming").fill("BE71 0961 2345 6760")
    attest = tmp_path / "bankattest.pdf"
    attest.write_bytes(PDF)
    page.get_by_label(re.compile("Documenten")).set_input_files(str(attest))
    page.get_by_role("button", name="Wijziging melden").click()
    expect(page.get_by_text("Dit rekeningnummer klopt niet").first).to_be_visible()
    expect(page.get_by_label("Nieuw rekeningnummer (IBAN) van de onderneming")).to_have_value("BE71 0961 2345 6760")
    page.get_by_label("Nieuw rekeningnummer (IBAN) van de onderneming").fill("BE71 0961 2345 6769")
    page.get_by_label(re.compile("Documenten")).set_input_files(str(attest))
    page.get_by_role("button", name="Wijziging melden").click()
    expect(page.get_by_role("status")).to_contain_text("Uw wijziging is gemeld")
    expect(page.get_by_role("region", name="Wijzigingen")).to_contain_text("Nieuw rekeningnummer: BE71 0961 2345 6769")
    expect(page.get_by_role("link", name="bankattest.pdf")).to_be_visible()


def test_the_quarterly_reminder_leads_the_employer_to_report_a_change(page, portal):
    """seed 003_cf4b65171622c691.txt, step 7; the premium is paid per quarter (seeds 000, 001)."""
    from datetime import date

    from jobs import dossiers as jobs
    from portal.extensions import db
    from portal.models import Application

    dossier_id, number = submit_for_els(portal)
    with portal.app.app_context():
        application = db.session.get(Application, dossier_id)
        application.state = "goedgekeurd"
        application.dossier.begin, application.dossier.end = date(2026, 7, 1), date(2031, 6, 30)
        application.dossier.decided_on = date(2026, 8, 14)
        db.session.commit()
        portal.app.config["LOKET_TODAY"] = "2026-11-23"
        try:
            assert jobs.sweep_change_reminders() == 1
        finally:
            portal.app.config.pop("LOKET_TODAY")
        db.session.remove()
    portal.run_jobs()
    reminder = next(m for m in portal.mails() if m.subject.startswith("Verandert er iets?"))
    link = f"{portal.url}/dossiers/{dossier_id}/wijziging"
    assert number in reminder.text and link in reminder.text

    page.goto(link)  # logged out: login, enterprise, then the page the link named
    page.get_by_label("Gebruikersnaam").fill("els")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("radio", name=re.compile("Bakkerij Peeters")).check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="Wijziging melden")).to_be_visible()
    expect(page.get_by_text(f"dossier {number}", exact=False).first).to_be_visible()
    check_accessibility(page)
