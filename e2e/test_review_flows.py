"""Browser tests for what the security probe and the rule fixes changed, as a user meets it: a login
locked after too many wrong passwords, a colleague without the measure's right at a dossier link,
staff held to the decision rules, the Werkbak's two deadlines, a grant that has ended, and a
reference file that is no CSV."""

import re
from datetime import date

from playwright.sync_api import expect

from e2e.conftest import check_accessibility, login, logout
from e2e.test_dossier import act_for_bakery, submit_for_els
from portal.extensions import db
from portal.models import Application


def test_too_many_wrong_passwords_lock_the_login_for_a_while(page):
    """Security probe (issue 16): 30 wrong passwords, then the right one, logged in. Now the fifth
    wrong one locks the login, and the right password does not open it until the window ends."""
    for _ in range(5):
        login(page, "els", "verkeerd", succeeds=False)
        expect(page.get_by_text("Deze combinatie van gebruikersnaam en wachtwoord kennen we niet.").first).to_be_visible()
    login(page, "els", succeeds=False)
    expect(page.get_by_text(re.compile("te vaak een verkeerd wachtwoord ingegeven")).first).to_be_visible()
    expect(page.get_by_role("button", name="Afmelden")).to_have_count(0)
    expect(page.get_by_label("Gebruikersnaam")).to_have_value("els")
    check_accessibility(page)


def test_a_colleague_without_the_right_gets_the_way_to_obtain_it(page, portal):
    """Rights per measure hold on the dossier pages: Tom (no right yet) follows a link to Els's
    individueel-maatwerk dossier and is told how to get the right; his list does not show it."""
    dossier_id, number = submit_for_els(portal)
    login(page, "tom")
    page.goto(f"/dossiers/{dossier_id}")
    expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()
    expect(page.get_by_text(re.compile("Vraag de lokale beheerder"))).to_be_visible()
    check_accessibility(page)
    page.goto("/dossiers/")
    expect(page.get_by_text(number)).to_have_count(0)


def test_staff_are_held_to_the_decision_rules_and_keep_what_they_typed(page, portal):
    """seed 004_a9eebd248ec7c11d.txt: WOP 3 sets a wage premium of 45%; seed 003_cf4b65171622c691.txt:
    the end date follows VDAB's need (5 years for the demo's Pieter Wouters) and the dossier is
    decided within 30 days, shown in the Werkbak beside the 7-day term."""
    dossier_id, number = submit_for_els(portal)
    login(page, "sofie")
    page.get_by_role("link", name="Werkbak", exact=True).click()
    expect(page.get_by_role("columnheader", name=re.compile("Beslissing binnen 30 dagen"))).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=number))
    expect(row).to_contain_text(re.compile(r"nog \d+ dag\(en\)"))
    row.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", name=f"Dossier {number}")).to_be_visible()
    begin = page.get_by_label("Begindatum").input_value()
    page.get_by_label("Percentage loonpremie").fill("60")
    page.get_by_label("Einddatum").fill("2040-12-31")
    page.get_by_label("Toelichting bij de beslissing").fill("Akkoord na overleg met VDAB.")
    page.get_by_role("button", name="Goedkeuren").click()
    # Each error next to its field (the field's description), and in the summary above the form.
    expect(page.get_by_label("Percentage loonpremie")).to_have_accessible_description(
        re.compile("Het werkondersteuningspakket van VDAB bepaalt een loonpremie van maximaal 45%."))
    expect(page.get_by_label("Einddatum")).to_have_accessible_description(
        re.compile("De behoefte die VDAB vaststelde loopt 5 jaar: de einddatum is ten laatste"))
    expect(page.get_by_role("alert")).to_contain_text("maximaal 45%")
    expect(page.get_by_label("Percentage loonpremie")).to_have_value("60")
    expect(page.get_by_label("Toelichting bij de beslissing")).to_have_value("Akkoord na overleg met VDAB.")
    check_accessibility(page)
    last = date.fromisoformat(begin).replace(year=date.fromisoformat(begin).year + 5).toordinal() - 1
    page.get_by_label("Percentage loonpremie").fill("45")
    page.get_by_label("Einddatum").fill(date.fromordinal(last).isoformat())
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_role("status")).to_contain_text("goedgekeurd")
    portal.run_jobs()
    decision = next(m for m in portal.mails() if "goedgekeurd" in m.subject)
    assert "vierde maand na het kwartaal" in decision.text and "collega-coach" not in decision.text


def test_an_ended_grant_reads_ended_and_points_to_a_new_application(page, portal):
    """seed 003_cf4b65171622c691.txt: after the grant, a new application ("U moet in dit geval een
    nieuwe aanvraag indienen na het verlopen")."""
    dossier_id, number = submit_for_els(portal)
    with portal.app.app_context():
        application = db.session.get(Application, dossier_id)
        application.state = "goedgekeurd"
        application.dossier.begin, application.dossier.end = date(2024, 10, 1), date(2026, 9, 30)
        db.session.commit()
        db.session.remove()
    login(page, "els")
    act_for_bakery(page)
    page.get_by_role("link", name="Actuele stand van uw dossier").click()
    expect(page.get_by_role("row").filter(has=page.get_by_role("link", name=number))).to_contain_text("Beëindigd")
    page.get_by_role("link", name=number).click()
    stand = page.get_by_role("region", name="Stand van zaken")
    expect(stand).to_contain_text("Beëindigd")
    expect(stand).to_contain_text("nieuwe aanvraag indienen")
    check_accessibility(page)
    logout(page)


def test_a_reference_file_that_is_no_csv_is_answered_by_line(page, tmp_path):
    """Security probe (issue 16): a first line without ; or , gave a 500; now a Dutch message naming
    the line, and nothing loaded."""
    login(page, "sofie")
    page.get_by_role("link", name=re.compile("Referentiegegevens laden")).click()
    junk = tmp_path / "vdab.csv"
    junk.write_text("dit is geen csv\nen dit ook niet\n", encoding="utf-8")
    page.get_by_label("Bron").select_option("vdab")
    page.get_by_label("CSV-bestand").set_input_files(str(junk))
    page.get_by_role("button", name="Laden").click()
    expect(page.get_by_role("alert")).to_contain_text("Regel 1")
    expect(page.get_by_role("alert")).to_contain_text("Scheid de kolommen met ; of ,")
    check_accessibility(page)
