"""Browser tests: from a submitted dossier to a decision, staff and employer side by side."""

import re

from playwright.sync_api import expect

from e2e.conftest import check_accessibility, login, logout
from portal.extensions import db
from portal.models import Enterprise, User
from tests import dossiers

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def submit_for_els(portal, premie="loonpremie", number="0403170701"):
    """Until the e2e flow drives the wizard: a submitted application for a demo employee."""
    with portal.app.app_context():
        enterprise = db.session.scalar(db.select(Enterprise).filter_by(number=number))
        els = db.session.scalar(db.select(User).filter_by(subject="els"))
        application = dossiers.submitted(enterprise, els, premie=premie, email="els@bakkerij-peeters.test")
        result = application.id, application.number
        db.session.remove()
    portal.run_jobs()
    portal.run_jobs()
    return result


def act_for_bakery(page):
    page.get_by_role("radio", name=re.compile("Bakkerij Peeters")).check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="Start nieuwe aanvraag")).to_be_visible()


def test_staff_ask_information_employer_answers_staff_approve(page, portal, tmp_path):
    dossier_id, number = submit_for_els(portal)
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
    assert "Begindatum" in decision.text and decision.recipient == "els@bakkerij-peeters.test"
    page.goto("/backoffice/mailbox")
    page.get_by_role("link", name=decision.subject).click()
    expect(page.get_by_text("Wat nu?").first).to_be_visible()
    check_accessibility(page)
    logout(page)

    login(page, "els")
    act_for_bakery(page)
    page.goto(f"/dossiers/{dossier_id}")
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
        from portal.dossier import actions
        from portal.models import Application

        sofie = db.session.scalar(db.select(User).filter_by(subject="sofie"))
        actions.refuse(db.session.get(Application, dossier_id), sofie, "De werknemer is uit dienst.")
        db.session.remove()
    expect(stand).to_contain_text("Geweigerd", timeout=15_000)
    expect(stand).to_contain_text("De werknemer is uit dienst.")


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
