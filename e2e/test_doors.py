"""Browser tests for the doors of issue 16: the session's end announced (and warned of with
JavaScript), the staff roles and the audit trail, and the Dutch page of a rate limit."""

import re

from playwright.sync_api import expect

from e2e.conftest import check_accessibility, login, logout
from e2e.test_dossier import submit_for_els


def test_every_page_says_when_the_session_ends_and_warns_before(page, portal, monkeypatch):
    monkeypatch.setitem(portal.app.config, "SESSION_WARN_MINUTES", 30)  # the warning is due at once
    login(page, "an")
    expect(page.get_by_text(re.compile(r"Uw sessie loopt af om \d\d:\d\d als u tot dan niets doet"))).to_be_visible()
    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("Uw sessie loopt binnen 30 minuten af")
    check_accessibility(page)
    page.get_by_role("button", name="Aangemeld blijven").click()
    expect(page.get_by_text(re.compile(r"Uw sessie loopt af om \d\d:\d\d"))).to_be_visible()


def test_without_javascript_the_end_is_said_and_no_warning_hides_the_page(page_without_js):
    login(page_without_js, "an")
    expect(page_without_js.get_by_text(re.compile(r"Uw sessie loopt af om \d\d:\d\d"))).to_be_visible()
    expect(page_without_js.get_by_role("button", name="Aangemeld blijven")).to_be_hidden()


def test_a_handler_reads_a_dossier_and_the_auditor_finds_it(page, portal):
    dossier_id, number = submit_for_els(portal)
    login(page, "sofie")
    expect(page.get_by_role("link", name="Berichten", exact=True)).to_have_count(0)
    page.goto(f"/backoffice/dossiers/{dossier_id}")
    expect(page.get_by_role("heading", name=re.compile(number))).to_be_visible()
    page.goto("/backoffice/berichten/nieuw")
    expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()
    expect(page.get_by_text(re.compile("Verzender van berichten"))).to_be_visible()
    logout(page)

    login(page, "nadia")
    page.get_by_role("link", name="Audittrail", exact=True).click()
    check_accessibility(page)
    page.get_by_label("Wie (naam bevat)").fill("Sofie")
    page.get_by_label("Actie").select_option(label="Dossier bekeken")
    with page.expect_response(lambda response: "wie=Sofie" in response.url):  # the unfiltered list shows her too
        page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("cell", name="Sofie Maes")).to_be_visible()
    page.get_by_label("Dossier", exact=True).fill(f" {number.lower()} ")  # the number as typed, not the internal id
    with page.expect_response(lambda response: "dossier=" in response.url):
        page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("cell", name=number, exact=True).first).to_be_visible()
    page.get_by_label("Van (JJJJ-MM-DD)").fill("2026-12-31")
    page.get_by_label("Tot en met (JJJJ-MM-DD)").fill("2026-01-01")
    page.get_by_label("Dossier", exact=True).fill("abc")
    with page.expect_response(lambda response: "dossier=abc" in response.url):
        page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("alert")).to_contain_text("Er is geen dossier met het nummer ABC")
    expect(page.get_by_label("Van (JJJJ-MM-DD)")).to_have_accessible_description(re.compile("ligt na de datum ‘Tot en met’"))
    expect(page.get_by_label("Van (JJJJ-MM-DD)")).to_have_value("2026-12-31")
    check_accessibility(page)
    logout(page)

    login(page, "els")
    page.get_by_role("radio", name=re.compile("Bakkerij Peeters")).check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="Start nieuwe aanvraag")).to_be_visible()  # the renewed session's cookie is in
    page.goto(f"/dossiers/{dossier_id}")
    expect(page.get_by_role("heading", name="Wie behandelde uw dossier bij het departement")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Sofie Maes \(laatst op"))).to_be_visible()
    check_accessibility(page)


def test_too_many_logins_get_a_dutch_page(page, portal, monkeypatch):
    monkeypatch.setitem(portal.app.config, "RATELIMIT_LOGIN", "2 per minute")
    for _ in range(2):
        login(page, "tom", "fout", succeeds=False)
        expect(page.get_by_role("alert")).to_contain_text("Deze combinatie van gebruikersnaam en wachtwoord")
    login(page, "tom", "demo", succeeds=False)
    expect(page.get_by_role("heading", name="Even geduld")).to_be_visible()
    expect(page.get_by_text(re.compile("pas over 1 minuut opnieuw"))).to_be_visible()
    check_accessibility(page)


def test_the_beheerder_gives_a_colleague_a_role_and_the_auditor_sees_it(page):
    """Bart sends messages only; Wim, the beheerder, also makes him a handler. Bart's Werkbak opens at
    his next click; the audit trail names the change."""
    login(page, "wim")
    page.get_by_role("link", name="Medewerkers", exact=True).click()
    check_accessibility(page)
    bart = page.get_by_role("group", name=re.compile("Bart Willems"))
    bart.get_by_label("Behandelaar van dossiers").check()
    page.get_by_role("button", name="Rollen van Bart Willems bewaren").click()
    expect(page.get_by_text("De rollen zijn bewaard.")).to_be_visible()
    expect(page.get_by_role("group", name=re.compile("Bart Willems")).get_by_label("Behandelaar van dossiers")).to_be_checked()
    wim = page.get_by_role("group", name=re.compile("Wim De Backer"))
    wim.get_by_label(re.compile("Beheerder van het loket")).uncheck()
    page.get_by_role("button", name="Rollen van Wim De Backer bewaren").click()
    expect(page.get_by_text("U kunt uw eigen rol van beheerder niet intrekken")).to_be_visible()
    check_accessibility(page)
    logout(page)

    login(page, "bart")
    page.get_by_role("link", name="Werkbak", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("Werkbak"))).to_be_visible()
    logout(page)

    login(page, "nadia")
    page.get_by_role("link", name="Audittrail", exact=True).click()
    page.get_by_label("Actie").select_option(label="Rol van een medewerker toegekend")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("cell", name="Bart Willems: Behandelaar van dossiers")).to_be_visible()
