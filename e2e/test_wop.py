"""Browser test: the werkondersteuningspakket (seed 004_a9eebd248ec7c11d.txt) on the demo dossiers of
portal/demo_life.py. The employer sees the package and the 8-week correction window, files a WOP
evaluation; the employee opens the link from the e-mail, reads the request and signs it without an
account; the link fails the second time, a replaced link fails, and a link fails once it expired."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from e2e.conftest import check_accessibility, login, logout
from e2e.test_dossier import PDF, act_for_bakery
from e2e.test_dossier_life import load_life, open_dossier
from portal.clock import today


def _links(portal, recipient):
    """The signing links mailed to this address, oldest first."""
    mails = [m for m in portal.mails() if m.recipient == recipient and "Onderteken de aanvraag" in m.subject]
    return [re.search(r"(/ondertekenen/\S+)", m.text).group(1) for m in reversed(mails)]


def test_the_employer_files_a_wop_evaluation_and_the_employee_signs_it_once(page, portal, tmp_path):
    life = load_life(portal)
    login(page, "els")
    act_for_bakery(page)
    open_dossier(page, life["Eva Lambrechts"][1])
    wop = page.get_by_role("region", name="Werkondersteuningspakket")
    expect(wop).to_contain_text("WOP 1 (PmAH zwak): loonpremie 60%, begeleiding hoog")
    expect(wop).to_contain_text("U kunt tot 8 weken na de aanwerving")
    check_accessibility(page)

    wop.get_by_role("button", name="Evaluatie van het pakket aanvragen").click()
    expect(page.get_by_role("heading", name="Evaluatie van het werkondersteuningspakket aanvragen")).to_be_visible()
    page.get_by_label("Toelichting").fill("Eva kan doorstromen naar een job in het normale economische circuit.")
    page.get_by_label("E-mailadres van de werknemer").fill("eva.lambrechts@telenet.be")
    page.get_by_role("button", name="Evaluatie aanvragen").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Kies waarom u een evaluatie vraagt.")
    expect(alert).to_contain_text("Voeg het POP toe.")
    expect(page.get_by_label("Toelichting")).to_have_value("Eva kan doorstromen naar een job in het normale economische circuit.")
    check_accessibility(page)
    pdf = tmp_path / "POP Eva.pdf"
    pdf.write_bytes(PDF)
    page.get_by_role("radio", name="Vervroegde evaluatie in functie van doorstroom").check()
    page.get_by_label("Datum van het meest recente POP").fill(f"{today() - timedelta(days=30):%Y-%m-%d}")
    page.get_by_label("POP (persoonlijk ontwikkelingsplan)").set_input_files(str(pdf))
    page.get_by_label("Motivatieverslag").set_input_files(str(pdf))
    page.get_by_role("button", name="Evaluatie aanvragen").click()
    expect(page.get_by_role("status")).to_contain_text("De werknemer kreeg een e-mail om ze mee te ondertekenen")
    wop = page.get_by_role("region", name="Werkondersteuningspakket")
    expect(wop).to_contain_text("Nog niet ondertekend")
    expect(wop).to_contain_text("wacht op de handtekening van de werknemer")
    check_accessibility(page)
    logout(page)

    portal.run_jobs()
    [link] = _links(portal, "eva.lambrechts@telenet.be")
    page.goto(link)
    expect(page.get_by_role("heading", name="Aanvraag tot evaluatie ondertekenen")).to_be_visible()
    expect(page.get_by_role("region", name="De aanvraag")).to_contain_text("Vervroegde evaluatie in functie van doorstroom")
    check_accessibility(page)
    page.get_by_role("button", name="Ondertekenen").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul uw naam in om te ondertekenen.")
    check_accessibility(page)
    page.get_by_label("Uw naam").fill("Eva Lambrechts")
    page.get_by_label("Ik heb de aanvraag gelezen en onderteken ze mee.").check()
    page.get_by_role("button", name="Ondertekenen").click()
    expect(page.get_by_role("heading", name="Aanvraag ondertekend")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("De aanvraag is nu bij VDAB.")
    check_accessibility(page)

    portal.run_jobs()
    assert [m.recipient for m in portal.mails() if "ondertekende de aanvraag" in m.subject] == ["els@bakkerij-peeters.be"]

    page.goto(link)
    expect(page.get_by_role("heading", name="Deze link werd al gebruikt")).to_be_visible()
    check_accessibility(page)

    login(page, "els")
    act_for_bakery(page)
    open_dossier(page, life["Eva Lambrechts"][1])
    wop = page.get_by_role("region", name="Werkondersteuningspakket")
    expect(wop).to_contain_text("Ondertekend door Eva Lambrechts")
    expect(wop.get_by_role("button", name="Nieuwe link naar de werknemer sturen")).to_have_count(0)
    logout(page)

    # Staff register VDAB's outcome: a talk in the future and a letter before the request are refused.
    login(page, "sofie")
    page.goto(f"/backoffice/dossiers/{life['Eva Lambrechts'][0]}")
    talk = f"{today() + timedelta(days=200):%Y-%m-%d}"
    page.get_by_label("Uitkomst", exact=True).select_option(label="VDAB weigerde de aanvraag")
    page.get_by_label("Datum van het gesprek op de werkvloer").fill(talk)
    page.get_by_label("Datum van de (aangetekende) brief van VDAB").fill("2020-01-01")
    page.get_by_role("button", name="Uitkomst registreren").click()
    expect(page.get_by_label("Datum van het gesprek op de werkvloer")).to_have_accessible_description(
        re.compile("ligt in de toekomst"))
    expect(page.get_by_label("Datum van de (aangetekende) brief van VDAB")).to_have_accessible_description(
        re.compile("ligt vóór de vraag aan VDAB"))
    expect(page.get_by_label("Datum van het gesprek op de werkvloer")).to_have_value(talk)
    check_accessibility(page)


def test_a_resent_link_replaces_the_old_one_and_expires(page, portal):
    life = load_life(portal)
    login(page, "els")
    act_for_bakery(page)
    open_dossier(page, life["Hanne Smets"][1])
    wop = page.get_by_role("region", name="Werkondersteuningspakket")
    expect(wop).to_contain_text("Nog niet ondertekend")
    wop.get_by_role("button", name="Nieuwe link naar de werknemer sturen").click()
    expect(page.get_by_role("status")).to_contain_text("Een nieuwe link is verstuurd naar hanne.smets@telenet.be")
    logout(page)

    portal.run_jobs()
    old, new = _links(portal, "hanne.smets@telenet.be")
    page.goto(old)
    expect(page.get_by_role("heading", name="Deze link werkt niet")).to_be_visible()
    check_accessibility(page)
    page.goto(new)
    expect(page.get_by_role("heading", name="Aanvraag tot evaluatie ondertekenen")).to_be_visible()
    portal.app.config["LOKET_TODAY"] = f"{today() + timedelta(days=15):%Y-%m-%d}"
    try:
        page.get_by_label("Uw naam").fill("Hanne Smets")
        page.get_by_label("Ik heb de aanvraag gelezen en onderteken ze mee.").check()
        page.get_by_role("button", name="Ondertekenen").click()
        expect(page.get_by_role("heading", name="Deze link is verlopen")).to_be_visible()
        expect(page.get_by_text("Vraag uw werkgever om u een nieuwe link te sturen.")).to_be_visible()
        check_accessibility(page)
    finally:
        portal.app.config.pop("LOKET_TODAY", None)
