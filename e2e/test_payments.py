"""Browser test of the money (issue 13, part B), on the demo's declarations and payments
(portal/demo_money.py, relative to today): a handler approves the last quarter's payment run and
downloads its SEPA file; the employer then reads the tab "Berekeningen" of a dossier, with a
correction on a line of its own, and downloads the CSV. Seeds 001_b28234096fe74925.txt and
003_cf4b65171622c691.txt (stap 6: "Na betaling vindt u ... de berekening terug van de premie onder het
tabblad 'Berekeningen'")."""

import os
import re

import sepaxml
import xmlschema
from playwright.sync_api import expect

from e2e.conftest import check_accessibility, login, logout
from e2e.test_dossier import act_for_bakery
from e2e.test_dossier_life import load_life, open_dossier
from portal import demo_money
from portal.clock import today
from portal.domain.quarters import quarter_of

XSD = os.path.join(os.path.dirname(sepaxml.__file__), "schemas", "pain.001.001.03.xsd")


def test_staff_approve_a_payment_run_and_the_employer_reads_the_berekeningen(page, portal):
    life = load_life(portal)
    with portal.app.app_context():
        assert demo_money.seed()
    last = quarter_of(today()).shift(-1)
    login(page, "sofie")
    page.get_by_role("link", name="Betalingen", exact=True).click()
    expect(page.get_by_role("heading", name="Betalingsrondes")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name=f"Individueel maatwerk, {last.label()}").click()
    expect(page.get_by_role("heading", name=f"Betalingsronde Individueel maatwerk, {last.label()}")).to_be_visible()
    payee = page.get_by_role("table", name=re.compile("Bakkerij Peeters NV"))
    expect(payee.get_by_role("row", name=re.compile(r"\(correctie\)"))).to_have_count(1)
    check_accessibility(page)
    page.get_by_role("button", name="Betalingsronde goedkeuren").click()
    expect(page.get_by_text(re.compile("is goedgekeurd. De werkgevers krijgen een e-mail"))).to_be_visible()
    expect(page.get_by_role("button", name="Betalingsronde goedkeuren")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("link", name="Betaalbestand downloaden (SEPA pain.001)").click()
    xml = download.value.path().read_text()
    xmlschema.XMLSchema(XSD).validate(xml)
    assert "BE71096123456769" in xml
    portal.run_jobs()
    mails = [m for m in portal.mails() if m.subject.startswith("Betaling Individueel maatwerk")]
    assert len(mails) == 1 and mails[0].recipient == "els@bakkerij-peeters.be"
    assert life["Tim Goossens"][1] in mails[0].text and "(correctie)" in mails[0].text
    logout(page)

    login(page, "els")
    act_for_bakery(page)
    open_dossier(page, life["Tim Goossens"][1])
    page.get_by_role("navigation", name="Tabbladen van het dossier").get_by_role("link", name="Berekeningen").click()
    expect(page.get_by_role("heading", name="Berekeningen")).to_be_visible()
    expect(page.get_by_role("link", name="Berekeningen", exact=True)).to_have_attribute("aria-current", "page")
    year = page.get_by_role("table", name=f"Tewerkstelling in {last.year}")
    expect(year.get_by_role("rowheader", name=last.label(), exact=True)).to_be_visible()
    expect(year.get_by_role("rowheader", name=f"{last.shift(-2).label()} – correctie")).to_be_visible()
    expect(year.get_by_role("rowheader", name=f"Totaal {last.year}")).to_be_visible()
    expect(page.get_by_text("BE71 •••• •••• 6769").first).to_be_visible()
    check_accessibility(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Berekeningen downloaden")).click()
    rows = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("dossier;kwartaal;soort;dagen;uren;loon")
    assert any(f";{last.shift(-2)};correctie;" in row for row in rows)
    assert any(f";totaal {last.year};" in row for row in rows)
