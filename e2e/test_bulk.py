"""Browser test: a staff member sends one message to the applicants of every open dossier."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from e2e.conftest import check_accessibility, login, logout
from e2e.test_dossier import submit_for_els
from portal.templating import long_date


def test_staff_preview_confirm_and_send_a_message_to_applicants(page, portal):
    number = submit_for_els(portal)[1]
    login(page, "bart")  # the sender of messages; a handler has no "Berichten" (e2e/test_doors.py)
    page.get_by_role("link", name="Berichten", exact=True).click()
    expect(page.get_by_role("heading", name="Berichten aan aanvragers")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Nieuw bericht").click()
    check_accessibility(page)

    page.get_by_role("button", name="Voorbeeld bekijken").click()  # nothing filled in
    expect(page.get_by_role("alert")).to_contain_text("Vul het onderwerp van het bericht in.")
    check_accessibility(page)
    page.get_by_label("Onderwerp").fill("Nieuwe betaalkalender 2027")
    page.get_by_label("Bericht", exact=True).fill("Vanaf januari betalen wij de premies telkens op de 20ste.")
    page.get_by_role("radio", name=re.compile("Dossiers in behandeling")).check()
    page.get_by_role("button", name="Voorbeeld bekijken").click()

    preview = page.get_by_role("region", name="Voorbeeld")
    expect(preview).to_contain_text("Dit bericht gaat naar 1 ontvanger")
    expect(preview).to_contain_text(number)
    expect(page.get_by_label("Bericht", exact=True)).to_have_value("Vanaf januari betalen wij de premies telkens op de 20ste.")
    check_accessibility(page)
    page.get_by_role("button", name="Bericht versturen naar 1 ontvanger").click()
    expect(page.get_by_role("alert")).to_contain_text("Vink aan dat u het voorbeeld")
    page.get_by_label(re.compile("Ik heb het voorbeeld en het aantal ontvangers nagelezen")).check()
    page.get_by_role("button", name="Bericht versturen naar 1 ontvanger").click()

    expect(page.get_by_role("status")).to_contain_text("Het bericht wordt verstuurd.")
    expect(page.get_by_role("heading", name="Bericht: Nieuwe betaalkalender 2027")).to_be_visible()
    check_accessibility(page)
    portal.run_jobs()  # the job writes the e-mails
    portal.run_jobs()  # and they are delivered
    progress = page.get_by_role("region", name="Verzending")
    expect(progress).to_contain_text("Alle e-mails van dit bericht zijn vertrokken")  # htmx refreshed it

    logout(page)
    login(page, "sofie")  # the local mailbox is a handler's page
    page.get_by_role("link", name="Lokale mailbox").click()
    page.get_by_role("link", name="Nieuwe betaalkalender 2027").click()
    expect(page.get_by_text("Vanaf januari betalen wij de premies telkens op de 20ste.")).to_be_visible()
    # The moment it was sent as every page shows one: Dutch, Belgian time (not the raw Date header).
    sent_on = long_date(datetime.now(ZoneInfo("Europe/Brussels")).date())
    expect(page.get_by_text(re.compile(rf"^{sent_on} om \d\d:\d\d$"))).to_be_visible()
    expect(page.get_by_text(re.compile(f"contactpersoon voor dossier {number}"))).to_be_visible()
    check_accessibility(page)


def test_sending_a_message_works_without_javascript(page_without_js, portal):
    page = page_without_js
    submit_for_els(portal)
    login(page, "bart")
    page.goto("/backoffice/berichten/nieuw")
    page.get_by_label("Onderwerp").fill("Sluitingsdagen")
    page.get_by_label("Bericht", exact=True).fill("Het loket is gesloten op 24 en 31 december.")
    page.get_by_role("radio", name=re.compile("Alle ingediende dossiers")).check()
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    page.get_by_label(re.compile("Ik heb het voorbeeld en het aantal ontvangers nagelezen")).check()
    page.get_by_role("button", name="Bericht versturen naar 1 ontvanger").click()
    expect(page.get_by_role("region", name="Verzending")).to_contain_text("Vernieuw de pagina")
    portal.run_jobs()
    portal.run_jobs()
    page.reload()
    expect(page.get_by_role("region", name="Verzending")).to_contain_text("Alle e-mails van dit bericht zijn vertrokken")
    assert [m.recipient for m in portal.mails() if m.subject == "Sluitingsdagen"] == ["els@bakkerij-peeters.be"]
