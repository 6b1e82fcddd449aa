"""E-mail that reaches people, in a user's steps: staff plan a filtered campaign with a merge field
and watch it finish; an applicant confirms a new contact address with the code we mailed (a wrong
code refused next to its field); a refused address is shown on the dossier and in the work queue."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from e2e.conftest import check_accessibility, login, logout
from e2e.test_dossier import submit_for_els
from e2e.wizard_steps import choose_enterprise, mailed_code
from jobs import campaigns as campaign_jobs
from portal.extensions import db
from portal.mail import addresses
from portal.models import BulkMessage, Enterprise, User
from tests import dossiers


def test_staff_plan_a_filtered_campaign_with_a_merge_field_and_watch_it_finish(page, portal):
    number = submit_for_els(portal)[1]
    login(page, "bart")  # the sender of messages to applicants
    page.get_by_role("link", name="Berichten", exact=True).click()
    page.get_by_role("link", name="Nieuw bericht").click()
    page.get_by_label("Onderwerp").fill("Uw premie in 2027")
    page.get_by_label("Bericht", exact=True).fill("Beste {naam}, dossier {dossiernummer} loopt door. {voornaam}")
    page.get_by_role("radio", name=re.compile("Alle ingediende dossiers")).check()
    page.get_by_label("Onderneming of scholengroep").select_option(label="Bakkerij Peeters NV (0403.170.701)")
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    body = page.get_by_label("Bericht", exact=True)
    expect(body).to_have_accessible_description(re.compile(r"\{voornaam\} kent het loket niet"))
    check_accessibility(page)

    body.fill("Beste {naam}, dossier {dossiernummer} loopt door.")
    page.get_by_role("radio", name="Op een gepland moment").check()
    page.get_by_role("button", name="Voorbeeld bekijken").click()  # no moment yet: refused, not sent at once
    expect(page.get_by_label("Gepland op (Belgische tijd)")).to_have_accessible_description(
        re.compile("Vul de datum en het uur in waarop het bericht vertrekt"))
    expect(page.get_by_role("radio", name="Op een gepland moment")).to_be_checked()
    moment = datetime.now(ZoneInfo("Europe/Brussels")) + timedelta(hours=1)
    page.get_by_label("Gepland op (Belgische tijd)").fill(moment.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    preview = page.get_by_role("region", name="Voorbeeld")
    expect(preview).to_contain_text("Dit bericht gaat naar 1 ontvanger")
    expect(preview).to_contain_text(f"Beste Els Peeters, dossier {number} loopt door.")  # filled in
    expect(preview).to_contain_text(f"Het bericht vertrekt {moment.day}")
    expect(page.get_by_label("Onderneming of scholengroep")).to_have_value(re.compile(r"\d+"))  # nothing lost
    check_accessibility(page)
    page.get_by_label(re.compile("Ik heb het voorbeeld en het aantal ontvangers nagelezen")).check()
    page.get_by_role("button", name="Bericht versturen naar 1 ontvanger").click()
    expect(page.get_by_role("status").filter(has_text="Het bericht is gepland")).to_be_visible()
    progress = page.get_by_role("region", name="Verzending")
    expect(progress).to_contain_text("Stand: gepland")
    check_accessibility(page)

    with portal.app.app_context():  # the hour passes
        message = db.session.scalar(db.select(BulkMessage))
        message.send_at = datetime.utcnow() - timedelta(seconds=1)
        db.session.commit()
        db.session.remove()
    with portal.app.app_context():
        assert campaign_jobs.sweep() == 1  # the ticker's sweep sees its moment has come
    portal.run_jobs()  # the e-mails are written
    portal.run_jobs()  # and delivered
    expect(progress).to_contain_text("Stand: klaar")  # htmx refreshed it, no reload
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "1")
    expect(progress).to_contain_text("Alle e-mails van dit bericht zijn vertrokken")
    mail = next(m for m in portal.mails() if m.subject == "Uw premie in 2027")
    assert f"Beste Els Peeters, dossier {number} loopt door." in mail.text


def test_a_new_contact_address_is_confirmed_with_the_mailed_code(page, portal):
    with portal.app.app_context():
        bakery = db.session.scalar(db.select(Enterprise).filter_by(number="0403170701"))
        els = db.session.scalar(db.select(User).filter_by(subject="els"))
        draft_id = dossiers.draft(bakery, els, email="nieuw.adres@bakkerij-peeters.be").id
        db.session.remove()
    login(page, "els")
    choose_enterprise(page, "Bakkerij Peeters")
    page.goto(f"/aanvragen/{draft_id}/overzicht")
    section = page.get_by_role("region", name="Bevestig het e-mailadres")
    expect(section).to_contain_text("nieuw.adres@bakkerij-peeters.be")
    section.get_by_role("button", name="Code sturen naar nieuw.adres@bakkerij-peeters.be").click()
    expect(page.get_by_role("status").filter(has_text="We stuurden een code")).to_be_visible()
    expect(page.get_by_label("Code uit de e-mail")).to_be_focused()  # where the user goes on, not the top
    code = mailed_code(portal, "nieuw.adres@bakkerij-peeters.be")
    page.get_by_label("Code uit de e-mail").fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Code bevestigen").click()
    expect(page.get_by_label("Code uit de e-mail")).to_have_accessible_description(re.compile("Deze code klopt niet"))
    check_accessibility(page)
    page.get_by_label("Code uit de e-mail").fill(code)
    page.get_by_role("button", name="Code bevestigen").click()
    expect(page.get_by_role("status").filter(has_text="is bevestigd")).to_be_focused()
    expect(page.get_by_role("region", name="Bevestig het e-mailadres")).to_have_count(0)
    check_accessibility(page)


def test_a_refused_address_is_shown_on_the_dossier_and_in_the_work_queue(page, portal):
    application_id, number = submit_for_els(portal)
    with portal.app.app_context():
        bakery = db.session.scalar(db.select(Enterprise).filter_by(number="0403170701"))
        addresses.mark_undeliverable(bakery.id, "els@bakkerij-peeters.be", "550 5.1.1 Mailbox unavailable")
        db.session.commit()
        db.session.remove()
    login(page, "els")
    choose_enterprise(page, "Bakkerij Peeters")
    page.goto(f"/dossiers/{application_id}")
    warning = page.get_by_role("region", name="Wij kunnen de contactpersoon niet bereiken")
    expect(warning).to_contain_text("els@bakkerij-peeters.be")
    expect(warning.get_by_role("link", name="Meld een ander e-mailadres voor de contactpersoon")).to_be_visible()
    check_accessibility(page)
    logout(page)
    login(page, "sofie")
    page.goto("/backoffice/dossiers/")
    expect(page.get_by_role("row", name=re.compile(number))).to_contain_text("Contactpersoon onbereikbaar")


def test_staff_pause_and_resume_a_campaign_that_is_sending(page, portal):
    submit_for_els(portal)
    login(page, "bart")
    page.goto("/backoffice/berichten/nieuw")
    page.get_by_label("Onderwerp").fill("Sluitingsdagen")
    page.get_by_label("Bericht", exact=True).fill("Beste {naam}, het loket is gesloten op 24 december.")
    page.get_by_role("radio", name=re.compile("Alle ingediende dossiers")).check()
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    page.get_by_label(re.compile("Ik heb het voorbeeld en het aantal ontvangers nagelezen")).check()
    page.get_by_role("button", name="Bericht versturen naar 1 ontvanger").click()
    progress = page.get_by_role("region", name="Verzending")
    progress.get_by_role("button", name="Pauzeren").click()
    expect(page.get_by_role("status").filter(has_text="Het bericht is gepauzeerd")).to_be_visible()
    expect(progress).to_contain_text("Stand: gepauzeerd")
    check_accessibility(page)
    portal.run_jobs()  # the e-mails are written, and held
    portal.run_jobs()
    assert not [m for m in portal.mails() if m.subject == "Sluitingsdagen"]
    page.reload()
    progress.get_by_role("button", name="Hervatten").click()
    expect(page.get_by_role("status").filter(has_text="Het bericht is hervat")).to_be_visible()
    portal.run_jobs()
    expect(progress).to_contain_text("Stand: klaar")
    assert [m.recipient for m in portal.mails() if m.subject == "Sluitingsdagen"] == ["els@bakkerij-peeters.be"]
