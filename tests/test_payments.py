"""The money end to end, without a browser: declarations loaded by staff (all or nothing), the
quarterly calculation run twice (each line once, a corrected declaration a line of its own), a
payment run approved (one e-mail per run and enterprise, however often the job runs), its SEPA file
valid against the pain.001 XSD, and the Berekeningen tab in a constant number of queries.
Seeds 001_b28234096fe74925.txt (VOP paid each quarter for the previous one), 003_cf4b65171622c691.txt
(individueel maatwerk: fourth month after the quarter, "op basis van uw RSZ-aangifte", the tab
'Berekeningen') and 004_a9eebd248ec7c11d.txt (45% for WOP 3)."""

import io
import os
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
import sepaxml
import xmlschema
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError

from jobs import payments as payment_jobs
from portal.extensions import db
from portal.models import AuditEvent, OutboxMessage, PaymentRun, PremiumLine, PremiumParameter, RszDeclaration
from portal.services.payments import calculation, runs, sepa
from portal.sources import reference
from tests import dossiers

TODAY = date(2026, 11, 23)  # the 4th quarter: the 3rd is the last complete one
XSD = os.path.join(os.path.dirname(sepaxml.__file__), "schemas", "pain.001.001.03.xsd")


@pytest.fixture(autouse=True)
def parameters(app):
    """The parameters the migration seeds (the tables are emptied after every test)."""
    reference.load_initial_parameters()


@pytest.fixture
def running(people):
    """Els's bakery (with its account) and two running grants: individueel maatwerk at 45% since
    1 January 2026, a VOP at 40% since 15 May 2026 (mid-quarter)."""
    people.bakery.iban = "BE71096123456769"
    im = dossiers.approved(people.bakery, people.els, date(2026, 1, 1), date(2030, 12, 31), percentage=45,
                           email="im@bakkerij.test")
    vop = dossiers.approved(people.bakery, people.els, date(2026, 5, 15), date(2028, 5, 14), percentage=40,
                            measure="vop", premie=None, national_number="90021512370", name="Lotte Vermeulen",
                            email="vop@bakkerij.test")
    for application in (im, vop):
        for quarter in (1, 2, 3, 4):
            declare(application.employee_national_number, 2026, quarter, "7800.00")
    db.session.commit()
    return people, im, vop


def declare(national_number, year, quarter, wage, days="65", enterprise="0403170701"):
    row = db.session.scalar(db.select(RszDeclaration).filter_by(
        enterprise_number=enterprise, national_number=national_number, year=year, quarter=quarter))
    if row is None:
        row = RszDeclaration(enterprise_number=enterprise, national_number=national_number, year=year, quarter=quarter)
        db.session.add(row)
    row.days, row.hours, row.wage = Decimal(days), Decimal(days) * 8, Decimal(wage)


def lines(application_id):
    return db.session.execute(db.select(PremiumLine.year, PremiumLine.quarter, PremiumLine.sequence, PremiumLine.amount)
                              .filter_by(application_id=application_id)
                              .order_by(PremiumLine.year, PremiumLine.quarter, PremiumLine.sequence)).all()


DMFA_BAD = ("ondernemingsnummer;rijksregisternummer;kwartaal;dagen;uren;loon\n"
            "0403170701;85073003328;2026-K1;65;494;7800,00\n"
            "0403170701;85073003328;2026-K5;65;494;7800,00\n"
            "0403170701;85073003328;2026-K2;65;494;zeven\n")


def test_declarations_with_a_bad_line_load_nothing_and_say_which_line_in_dutch(client, auth, people):
    auth.login("sofie")
    response = client.post("/backoffice/dossiers/bronnen", content_type="multipart/form-data",
                           data={"source": "dmfa", "file": (io.BytesIO(DMFA_BAD.encode()), "dmfa.csv")})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Regel 3: kwartaal moet de vorm 2026-K1 hebben, niet &#39;2026-K5&#39;" in page
    assert "Regel 4: loon moet een getal zijn (bijvoorbeeld 1234,56), niet &#39;zeven&#39;" in page
    assert 'aria-invalid="true"' in page
    assert db.session.scalar(db.select(db.func.count()).select_from(RszDeclaration)) == 0

    good = "\n".join(DMFA_BAD.splitlines()[:2]) + "\n0403170701;85.07.30-033.28;2026/2;64,5;490,5;7.800\n"
    response = client.post("/backoffice/dossiers/bronnen", content_type="multipart/form-data",
                           data={"source": "dmfa", "file": (io.BytesIO(good.replace("7.800", "7800").encode()), "d.csv")})
    assert response.status_code == 303
    loaded = db.session.scalars(db.select(RszDeclaration).order_by(RszDeclaration.quarter)).all()
    assert [(r.quarter, r.days, r.wage) for r in loaded] == [(1, Decimal("65"), Decimal("7800")),
                                                             (2, Decimal("64.5"), Decimal("7800"))]
    assert db.session.scalar(db.select(AuditEvent.detail).filter_by(action="referentiegegevens_geladen")).endswith(
        ": 2 regel(s)")


def test_parameters_are_loaded_with_their_source(client, auth, people):
    auth.login("sofie")
    csv = ("naam;geldig_vanaf;waarde;bron\n"
           "referteloon_plafond_kwartaal;2026-01-01;12671,28;vlaanderen.be, geraadpleegd 2026-12-02\n"
           "plafond;2026-01-01;1;x\n")
    response = client.post("/backoffice/dossiers/bronnen", content_type="multipart/form-data",
                           data={"source": "parameters", "file": (io.BytesIO(csv.encode()), "p.csv")})
    assert response.status_code == 422 and "Regel 3: naam moet een van afronding, begeleidingspremie_kwartaal_hoog" in \
        response.get_data(as_text=True)
    response = client.post("/backoffice/dossiers/bronnen", content_type="multipart/form-data",
                           data={"source": "parameters", "file": (io.BytesIO(csv.rsplit("plafond;", 1)[0].encode()), "p.csv")})
    assert response.status_code == 303
    values = calculation.parameters()
    assert calculation.value_on(values, "referteloon_plafond_kwartaal", date(2026, 4, 1)) == Decimal("12671.28")
    assert calculation.value_on(values, "referteloon_plafond_kwartaal", date(2025, 4, 1)) == Decimal("12422.88")


def test_a_quarter_without_a_cap_waits_for_one(app, running):
    people, im, _vop = running
    db.session.execute(db.delete(PremiumParameter).filter_by(name="referteloon_plafond_kwartaal"))
    db.session.commit()
    outcome = calculation.run(TODAY)
    assert outcome.lines == 0 and any("Plafond van het referteloon" in m for m in outcome.missing)
    reference.load_initial_parameters()
    assert calculation.run(TODAY).lines == 5


def test_the_calculation_run_twice_writes_each_line_once(app, running):
    people, im, vop = running
    app.config["LOKET_TODAY"] = TODAY.isoformat()
    first = payment_jobs.calculate()
    assert first == {"lines": 5, "corrections": 0, "raced": False, "missing": []}
    assert payment_jobs.calculate() == {"lines": 0, "corrections": 0, "raced": False, "missing": []}
    # Individueel maatwerk: Q1 to Q3 2026 (Q4 is not over), 45% of 7800.
    assert lines(im.id) == [(2026, q, 0, Decimal("3510.00")) for q in (1, 2, 3)]
    # The VOP started on 15 May: 47 of the 91 days of Q2 at 40%, then Q3 whole.
    assert lines(vop.id) == [(2026, 2, 0, Decimal("1611.42")), (2026, 3, 0, Decimal("3120.00"))]
    with pytest.raises(IntegrityError):  # the database itself refuses a second line for a quarter
        db.session.add(PremiumLine(application_id=im.id, enterprise_id=people.bakery.id, measure="im", year=2026,
                                   quarter=1, sequence=0, days=1, hours=1, wage=1, covered_days=1, quarter_days=90,
                                   reference_wage=1, percentage=45, premium=1, amount=1))
        db.session.flush()
    db.session.rollback()


def test_a_corrected_declaration_adds_the_difference_as_a_line_of_its_own(app, running):
    people, im, _vop = running
    calculation.run(TODAY)
    runs.approve(db.session.scalar(db.select(PaymentRun).filter_by(measure="im")), people.sofie)
    declare(im.employee_national_number, 2026, 2, "6800.00")
    db.session.commit()
    outcome = calculation.run(TODAY)
    assert (outcome.lines, outcome.corrections) == (1, 1)
    assert lines(im.id)[1:3] == [(2026, 2, 0, Decimal("3510.00")), (2026, 2, 1, Decimal("-450.00"))]
    paid = db.session.scalar(db.select(PremiumLine).filter_by(application_id=im.id, quarter=2, sequence=0))
    assert paid.paid_iban == "BE71096123456769" and paid.amount == Decimal("3510.00")  # never overwritten
    correction = db.session.scalar(db.select(PremiumLine).filter_by(application_id=im.id, quarter=2, sequence=1))
    assert correction.payment_run_id is None  # its quarter's run is approved: it waits for the next one
    assert calculation.run(TODAY).lines == 0
    calculation.run(date(2027, 2, 1))  # next quarter: the correction goes with the 4th quarter's run
    db.session.refresh(correction)
    assert correction.payment_run.quarter == 4


def test_lines_of_an_enterprise_without_an_account_wait(app, running):
    people, im, _vop = running
    people.bakery.iban = None
    db.session.commit()
    calculation.run(TODAY)
    assert db.session.scalar(db.select(db.func.count()).select_from(PaymentRun)) == 0
    assert runs.waiting_without_account() == 5


def test_approving_a_run_mails_each_enterprise_once(app, running, client, auth, run_jobs):
    people, im, vop = running
    people.cleaning.iban = "BE68539007547034"
    other = dossiers.approved(people.cleaning, people.jan, date(2026, 1, 1), date(2030, 12, 31),
                              national_number="79052602785", name="Sara Amrani", email="jan@schoonmaak.test")
    declare(other.employee_national_number, 2026, 3, "3000.00", enterprise="0876543270")
    db.session.commit()
    calculation.run(TODAY)
    run = db.session.scalar(db.select(PaymentRun).filter_by(measure="im"))
    assert (run.year, run.quarter, run.pay_on) == (2026, 3, date(2027, 1, 31))  # seed 003: the 4th month after

    auth.login("sofie")
    page = client.get(f"/backoffice/betalingen/{run.id}").get_data(as_text=True)
    assert "Betalingsronde goedkeuren" in page and "€ 11.880,00" in page  # 3 × 3510 + 1350
    response = client.post(f"/backoffice/betalingen/{run.id}/goedkeuren")
    assert response.status_code == 303
    assert "al goedgekeurd" in client.post(f"/backoffice/betalingen/{run.id}/goedkeuren",
                                           follow_redirects=True).get_data(as_text=True)
    run_jobs()
    runs.notify(run.id)  # the job delivered twice (RQ: at least once)
    payment_jobs.sweep_notifications()
    run_jobs()
    mails = db.session.scalars(db.select(OutboxMessage).filter(OutboxMessage.dedupe_key.like("betaling:%"))).all()
    assert Counter(m.recipient for m in mails) == {"im@bakkerij.test": 1, "jan@schoonmaak.test": 1}
    bakery_mail = next(m for m in mails if m.recipient == "im@bakkerij.test")
    assert "€ 10.530,00" in bakery_mail.subject and "31 januari 2027" in bakery_mail.subject
    assert bakery_mail.body_text.count(im.number) >= 3 and f"/dossiers/{im.id}/berekeningen" in bakery_mail.body_text
    assert db.session.scalar(db.select(AuditEvent).filter_by(action="betaling_goedgekeurd")).actor_name == "Sofie"


def test_the_sepa_file_is_a_valid_pain_001(app, running, client, auth):
    people, _im, _vop = running
    calculation.run(TODAY)
    run = db.session.scalar(db.select(PaymentRun).filter_by(measure="vop"))
    assert run.pay_on == date(2026, 12, 31)  # seed 001: at the end of the next quarter
    auth.login("sofie")
    assert client.get(f"/backoffice/betalingen/{run.id}/sepa.xml").status_code == 303  # not approved yet
    client.post(f"/backoffice/betalingen/{run.id}/goedkeuren")
    response = client.get(f"/backoffice/betalingen/{run.id}/sepa.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    xml = response.get_data()
    xmlschema.XMLSchema(XSD).validate(xml.decode())
    text = xml.decode()
    assert "<InstdAmt Ccy=\"EUR\">4731.42</InstdAmt>" in text  # 1611.42 + 3120.00, one transfer to one account
    assert "BE71096123456769" in text and "<ReqdExctnDt>2026-12-31</ReqdExctnDt>" in text
    assert db.session.scalar(db.select(AuditEvent).filter_by(action="betaalbestand_gedownload")) is not None
    assert len(sepa.transfers(run)) == 1


def _count_queries(client, url) -> int:
    statements = []

    def count(*_args):
        statements.append(1)

    client.get(url)  # warm: a login's bookkeeping (last seen) is written at most now and then
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_the_berekeningen_tab_costs_the_same_queries_for_2_or_20_quarters(app, people, client, auth):
    """Seed 003, stap 6: "Na betaling vindt u ... de berekening terug van de premie onder het tabblad
    'Berekeningen'"; corrections are lines of their own, a total per year, a CSV to download."""
    people.bakery.iban = "BE71096123456769"
    im = dossiers.approved(people.bakery, people.els, date(2021, 10, 1), date(2026, 9, 30), percentage=45)
    declare(im.employee_national_number, 2021, 4, "7800.00")
    declare(im.employee_national_number, 2022, 1, "7800.00")
    db.session.commit()
    calculation.run(date(2022, 5, 1))
    runs.approve(db.session.scalar(db.select(PaymentRun)), people.sofie)
    auth.login("els")
    auth.act_for(people.bakery)
    url = f"/dossiers/{im.id}/berekeningen"
    few = _count_queries(client, url)
    index = 2022 * 4
    while index < 2026 * 4 + 3:
        declare(im.employee_national_number, index // 4, index % 4 + 1, "7800.00")
        index += 1
    db.session.commit()
    calculation.run(date(2026, 11, 1))
    runs.approve(db.session.scalar(db.select(PaymentRun).filter_by(status="open")), people.sofie)
    assert db.session.scalar(db.select(db.func.count()).select_from(PremiumLine)) == 20
    assert _count_queries(client, url) == few
    page = client.get(url).get_data(as_text=True)
    # The schedule (premium_parameters.csv, "te bevestigen"): the grant began 1 October 2021, so the
    # 4th quarter of 2022 is its 2nd year, 5 points less: 3 × 3510 (45%) + 3120 (40%).
    assert "Tewerkstelling in 2021" in page and "Totaal 2022" in page and "€ 13.650,00" in page
    assert "4de kwartaal 2021" in page and "BE71 •••• •••• 6769" in page
    response = client.get(f"/dossiers/{im.id}/berekeningen.csv")
    body = response.get_data().decode("utf-8-sig").splitlines()
    assert response.mimetype == "text/csv" and body[0].startswith("dossier;kwartaal;soort;dagen")
    # Paid with the run of the 1st quarter of 2022: seed 003's fourth month after it, July.
    assert body[1] == f"{im.number};2021-K4;berekening;65,00;520,00;7800,00;92/92;7800,00;45;3510,00;2022-07-31;" \
                      "BE71096123456769;1;0,00"  # the grant's 1st year; a loonpremie without begeleidingspremie
    assert f"{im.number};totaal 2022;;;;;;;;13650,00;;;;" in body
    assert f"{im.number};2022-K4;berekening;65,00;520,00;7800,00;92/92;7800,00;40;3120,00;2027-01-31;" \
           "BE71096123456769;2;0,00" in body


def test_another_enterprise_does_not_see_the_calculations(app, running, client, auth):
    people, im, _vop = running
    auth.login("jan")
    auth.act_for(people.cleaning)
    assert client.get(f"/dossiers/{im.id}/berekeningen").status_code == 404
    assert client.get(f"/dossiers/{im.id}/berekeningen.csv").status_code == 404

