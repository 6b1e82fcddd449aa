"""The premium schedule in the quarterly calculation, end to end on the database: a five-year
individueel-maatwerk grant paid at its year's percentage, a loonpremie en begeleidingspremie with its
start-up amount in the first year only, a second run that writes nothing, and a schedule staff
change as a correction line of its own. Sources: domain.md "Beyond the seeds: what the public pages
add about amounts" (the loonpremie decreases over five years; the begeleidingspremie is fixed by the
guidance level with a start-up amount in the first year), seed 003_cf4b65171622c691.txt ("loonpremie
en begeleidingspremie", payment per quarter, the tab 'Berekeningen') and seed 004_a9eebd248ec7c11d.txt
(WOP 1: 60%, guidance hoog). The amounts are the seeded parameters (premium_parameters.csv, "te
bevestigen"): 0, 5, 10, 15, 20 percentage points off in years 1 to 5; EUR 1500 a quarter for guidance
hoog and EUR 500 a quarter start-up in the first year."""

import io
from datetime import date
from decimal import Decimal

import pytest

from portal.extensions import db
from portal.models import PaymentRun, PremiumLine, PremiumParameter
from portal.services.payments import calculation, runs
from portal.sources import reference
from tests import dossiers
from tests.test_payments import declare


@pytest.fixture(autouse=True)
def parameters(app):
    reference.load_initial_parameters()


def lines(application_id):
    return db.session.execute(
        db.select(PremiumLine.year, PremiumLine.quarter, PremiumLine.sequence, PremiumLine.grant_year,
                  PremiumLine.year_percentage, PremiumLine.guidance_amount, PremiumLine.amount)
        .filter_by(application_id=application_id)
        .order_by(PremiumLine.year, PremiumLine.quarter, PremiumLine.sequence)).all()


def test_a_five_year_grant_pays_each_quarter_at_its_years_percentage(app, people):
    """WOP 1 at 60% from 1 January 2021: the 2nd quarter of each year falls in year 1 … 5 of the
    grant; a quarter after the grant's end pays nothing."""
    people.bakery.iban = "BE71096123456769"
    im = dossiers.approved(people.bakery, people.els, date(2021, 1, 1), date(2025, 12, 31), percentage=60)
    for year in range(2021, 2027):
        declare(im.employee_national_number, year, 2, "7800.00")
    db.session.commit()
    assert calculation.run(date(2026, 8, 1)).lines == 5
    assert lines(im.id) == [
        (2021, 2, 0, 1, Decimal(60), Decimal(0), Decimal("4680.00")),
        (2022, 2, 0, 2, Decimal(55), Decimal(0), Decimal("4290.00")),
        (2023, 2, 0, 3, Decimal(50), Decimal(0), Decimal("3900.00")),
        (2024, 2, 0, 4, Decimal(45), Decimal(0), Decimal("3510.00")),
        (2025, 2, 0, 5, Decimal(40), Decimal(0), Decimal("3120.00")),
    ]
    assert calculation.run(date(2026, 8, 1)).lines == 0  # a second run writes nothing


def test_a_vop_line_has_no_schedule(app, people):
    vop = dossiers.approved(people.bakery, people.els, date(2022, 1, 1), None, percentage=40, measure="vop",
                            premie=None)
    declare(vop.employee_national_number, 2025, 2, "7800.00")
    db.session.commit()
    calculation.run(date(2025, 8, 1))
    assert lines(vop.id) == [(2025, 2, 0, None, None, None, Decimal("3120.00"))]


@pytest.fixture
def guided(people):
    """Loonpremie en begeleidingspremie for an employee with WOP 1 (guidance hoog) from 1 January 2026."""
    people.bakery.iban = "BE71096123456769"
    im = dossiers.approved(people.bakery, people.els, date(2026, 1, 1), date(2030, 12, 31), percentage=60,
                           premie="loonpremie_begeleiding")
    im.dossier.wop_package = "WOP 1"
    for year, quarter in ((2026, 1), (2026, 2), (2026, 3), (2026, 4), (2027, 1)):
        declare(im.employee_national_number, year, quarter, "7800.00")
    db.session.commit()
    return im


def test_the_begeleidingspremie_has_its_start_up_amount_in_the_first_year_only(app, guided):
    outcome = calculation.run(date(2027, 5, 1))
    assert (outcome.lines, outcome.missing) == (5, set())
    first_year = [(2026, q, 0, 1, Decimal(60), Decimal("2000.00"), Decimal("6680.00")) for q in (1, 2, 3, 4)]
    assert lines(guided.id) == first_year + [(2027, 1, 0, 2, Decimal(55), Decimal("1500.00"), Decimal("5790.00"))]
    assert db.session.scalar(db.select(PremiumLine.guidance_level).filter_by(application_id=guided.id, year=2027)) \
        == "hoog"
    assert calculation.run(date(2027, 5, 1)).lines == 0  # a second run writes nothing


def test_without_a_package_there_is_no_guidance_level_so_only_the_loonpremie(app, guided):
    """No werkondersteuningspakket on the dossier: no guidance level, so only the loonpremie."""
    guided.dossier.wop_package = None
    db.session.commit()
    calculation.run(date(2026, 5, 1))
    assert lines(guided.id) == [(2026, 1, 0, 1, Decimal(60), Decimal("0.00"), Decimal("4680.00"))]


def test_a_new_schedule_corrects_as_a_line_of_its_own(app, guided, client, auth):
    """Staff load a higher amount for guidance hoog from 2027 (Bronnen page): the quarter already
    calculated gets the difference as a correction; the first line stays as it was."""
    calculation.run(date(2027, 5, 1))
    auth.login("sofie")
    csv = ("naam;geldig_vanaf;waarde;bron\n"
           "begeleidingspremie_kwartaal_hoog;2027-01-01;1600,00;indexering, te bevestigen\n")
    response = client.post("/backoffice/dossiers/bronnen", content_type="multipart/form-data",
                           data={"source": "parameters", "file": (io.BytesIO(csv.encode()), "p.csv")})
    assert response.status_code == 303
    outcome = calculation.run(date(2027, 5, 1))
    assert (outcome.lines, outcome.corrections) == (1, 1)
    assert lines(guided.id)[-2:] == [(2027, 1, 0, 2, Decimal(55), Decimal("1500.00"), Decimal("5790.00")),
                                     (2027, 1, 1, 2, Decimal(55), Decimal("1600.00"), Decimal("100.00"))]


def test_a_quarter_without_the_schedule_waits_for_it_but_a_vop_does_not(app, guided, people):
    db.session.execute(db.delete(PremiumParameter).filter_by(name="begeleidingspremie_opstart_kwartaal"))
    vop = dossiers.approved(people.bakery, people.els, date(2025, 1, 1), None, percentage=40, measure="vop",
                            premie=None, national_number="90021512370", name="Lotte Vermeulen")
    declare(vop.employee_national_number, 2026, 1, "7800.00")
    db.session.commit()
    outcome = calculation.run(date(2026, 5, 1))
    assert outcome.lines == 1 and lines(guided.id) == []
    assert any("opstartpremie" in problem for problem in outcome.missing)


def test_the_berekeningen_tab_shows_the_year_and_the_begeleidingspremie(app, guided, people, client, auth):
    calculation.run(date(2027, 5, 1))
    for run in db.session.scalars(db.select(PaymentRun)).all():
        runs.approve(run, people.sofie)
    auth.login("els")
    auth.act_for(people.bakery)
    page = client.get(f"/dossiers/{guided.id}/berekeningen").get_data(as_text=True)
    assert "Jaar van de premie" in page and "Begeleidingspremie" in page
    assert "€ 2.000,00" in page and "€ 1.500,00" in page and "55%" in page and "€ 5.790,00" in page
    body = client.get(f"/dossiers/{guided.id}/berekeningen.csv").get_data().decode("utf-8-sig").splitlines()
    assert body[0].endswith(";rekening;jaar_van_de_premie;begeleidingspremie")
    assert any(row.startswith(f"{guided.number};2027-K1;berekening;") and ";55;5790,00;" in row
               and row.endswith(";2;1500,00") for row in body)


def test_the_grant_after_an_evaluation_pays_no_start_up_amount_again(app, guided):
    """Seed 003, "evalueren": the grant that follows the evaluation of a running one (Application.kind
    "evaluatie") continues the same guidance: its first year has the level's amount only."""
    guided.kind = "evaluatie"
    db.session.commit()
    calculation.run(date(2026, 5, 1))
    assert lines(guided.id) == [(2026, 1, 0, 1, Decimal(60), Decimal("1500.00"), Decimal("6180.00"))]


def test_the_payment_e_mail_says_how_much_of_a_quarter_is_begeleidingspremie(app, guided, people, run_jobs):
    """seed 003 ("loonpremie en begeleidingspremie", paid per quarter): the e-mail of a payment run
    lists each quarter's amount and, for a dossier with guidance, the begeleidingspremie in it."""
    from portal.models import OutboxMessage

    calculation.run(date(2027, 5, 1))
    for run in db.session.scalars(db.select(PaymentRun)).all():
        runs.approve(run, people.sofie)
    run_jobs()
    mails = db.session.scalars(db.select(OutboxMessage).filter(OutboxMessage.dedupe_key.like("betaling:%"))).all()
    text = "\n".join(mail.body_text for mail in mails)
    assert text.count(": € 6.680,00, waarvan begeleidingspremie € 2.000,00") == 4  # the four quarters of 2026
    assert ": € 5.790,00, waarvan begeleidingspremie € 1.500,00" in text
    assert "het percentage van dat jaar en de begeleidingspremie" in text
