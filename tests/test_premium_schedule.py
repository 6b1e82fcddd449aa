"""The premium schedule of individueel maatwerk (portal/domain/premium_schedule.py) in the quarterly
calculation. Source: domain.md "Beyond the seeds: what the public pages add about amounts"
(vlaanderen.be "Individueel maatwerk voor werkgevers": the loonpremie "neemt af tijdens een periode
van 5 jaar", at least 20% and at most 75% of the capped reference wage; the begeleidingspremie is a
"forfaitaire vergoeding" that "houdt rekening met een bijkomende (opstart)kost tijdens het eerste
jaar"), seed 003_cf4b65171622c691.txt (loonpremie, or loonpremie en begeleidingspremie) and seed
004_a9eebd248ec7c11d.txt (the package's percentage and guidance level)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from portal.domain.premium_schedule import Schedule, grant_year, guidance_amount, year_percentage
from portal.domain.premiums import Declaration, Grant, calculate
from portal.domain.quarters import Quarter

CAP = Decimal("12422.88")
CENT = Decimal("0.01")
# A schedule shaped like the one premium_parameters.csv seeds ("te bevestigen").
SCHEDULE = Schedule(decrease={1: Decimal(0), 2: Decimal(5), 3: Decimal(10), 4: Decimal(15), 5: Decimal(20)},
                    guidance={"hoog": Decimal("1500"), "midden": Decimal("1000"), "laag": Decimal("500")},
                    start_up=Decimal("500"))
FULL = Declaration(Decimal(65), Decimal(520), Decimal("7800.00"))


@pytest.mark.parametrize("day, year", [
    (date(2026, 1, 1), 1), (date(2026, 12, 31), 1), (date(2027, 1, 1), 2), (date(2030, 12, 31), 5),
    (date(2031, 1, 1), 6), (date(2025, 12, 31), 1),  # before the grant: still its first year
])
def test_the_year_of_the_grant(day, year):
    assert grant_year(date(2026, 1, 1), day) == year


@pytest.mark.parametrize("year, percentage", [(1, 60), (2, 55), (3, 50), (4, 45), (5, 40), (6, 40)])
def test_the_percentage_decreases_per_year_of_the_grant(year, percentage):
    """"neemt af tijdens een periode van 5 jaar": WOP 1 (60%, seed 004) less the year's points; a
    year after the fifth (a grant extended without a new decision) keeps the fifth's."""
    assert year_percentage(60, year, SCHEDULE) == Decimal(percentage)


def test_the_percentage_stays_between_20_and_75():
    """"minimaal 20% en maximaal 75% van het referteloon", whatever schedule staff load."""
    steep = Schedule(decrease={1: Decimal(0), 5: Decimal(40)})
    assert year_percentage(45, 5, steep) == Decimal(20)
    assert year_percentage(80, 1, steep) == Decimal(75)


def test_a_vop_keeps_its_own_percentage():
    """Seed 001: the VOP is 40% (60% with an increase); the maatwerk schedule does not apply."""
    vop = Grant(date(2022, 1, 1), None, 40)
    result = calculate(vop, Quarter(2026, 2), FULL, CAP, schedule=SCHEDULE)
    assert result.amount == Decimal("3120.00") and result.year_percentage is None and result.guidance_amount == 0


def test_a_quarter_in_the_third_year_pays_that_years_percentage():
    grant = Grant(date(2024, 1, 1), date(2028, 12, 31), 45, scheduled=True)
    result = calculate(grant, Quarter(2026, 2), FULL, CAP, schedule=SCHEDULE)
    assert (result.grant_year, result.year_percentage, result.amount) == (3, Decimal(35), Decimal("2730.00"))


def test_the_begeleidingspremie_adds_the_start_up_amount_in_the_first_year_only():
    """Seed 004: WOP 3 has guidance "midden"; the start-up amount only in the grant's first year."""
    grant = Grant(date(2026, 1, 1), date(2030, 12, 31), 45, scheduled=True, guidance="midden")
    first = calculate(grant, Quarter(2026, 4), FULL, CAP, schedule=SCHEDULE)
    second = calculate(grant, Quarter(2027, 1), FULL, CAP, schedule=SCHEDULE)
    assert (first.guidance_amount, first.amount) == (Decimal("1500.00"), Decimal("5010.00"))
    assert (second.guidance_amount, second.amount) == (Decimal("1000.00"), Decimal("4120.00"))


def test_a_grant_after_an_evaluation_has_no_start_up_amount_again():
    """Seed 003, "evalueren": the grant after an evaluation of a running one continues the same
    guidance; its first year pays the level's amount only."""
    grant = Grant(date(2026, 1, 1), date(2030, 12, 31), 60, scheduled=True, guidance="hoog", start_up=False)
    result = calculate(grant, Quarter(2026, 1), FULL, CAP, schedule=SCHEDULE)
    assert (result.grant_year, result.guidance_amount, result.amount) == (1, Decimal("1500.00"), Decimal("6180.00"))


def test_the_begeleidingspremie_is_prorated_like_the_loonpremie():
    """47 of the 91 days of the 2nd quarter: (1000 + 500) × 47 / 91 = 774.725…, rounded down."""
    assert guidance_amount("midden", 1, 47, 91, SCHEDULE, CENT) == Decimal("774.72")
    assert guidance_amount(None, 1, 91, 91, SCHEDULE, CENT) == 0


# Properties over any schedule staff could load (the loader takes 0 to 999999, two decimals).
AMOUNTS = st.decimals(min_value=0, max_value=5_000, places=2, allow_nan=False, allow_infinity=False)
POINTS = st.decimals(min_value=0, max_value=80, places=2, allow_nan=False, allow_infinity=False)
SCHEDULES = st.builds(Schedule, st.fixed_dictionaries({year: POINTS for year in range(1, 6)}),
                      st.fixed_dictionaries({level: AMOUNTS for level in ("hoog", "midden", "laag")}), AMOUNTS)
MONEY = st.decimals(min_value=0, max_value=40_000, places=2, allow_nan=False, allow_infinity=False)
DAYS = st.decimals(min_value=0, max_value=92, places=2, allow_nan=False, allow_infinity=False)
QUARTERS = st.builds(Quarter, st.integers(2016, 2035), st.integers(1, 4))


@st.composite
def grants(draw):
    begin = draw(st.dates(date(2015, 1, 1), date(2036, 12, 31)))
    end = draw(st.one_of(st.none(), st.dates(begin, date(2037, 12, 31))))
    return Grant(begin, end, draw(st.sampled_from([40, 45, 60, 75])), scheduled=True,
                 guidance=draw(st.sampled_from([None, "hoog", "midden", "laag"])))


PROPERTIES = settings(max_examples=300, deadline=None, derandomize=True)


@PROPERTIES
@given(grants(), QUARTERS, DAYS, MONEY, MONEY, SCHEDULES)
def test_never_more_than_the_years_percentage_of_the_capped_wage_plus_the_guidance(grant, quarter, days, wage, cap,
                                                                                   schedule):
    result = calculate(grant, quarter, Declaration(days, days * 8, wage), cap, schedule=schedule)
    level = schedule.guidance.get(grant.guidance, Decimal(0)) if grant.guidance else Decimal(0)
    most_guidance = level + (schedule.start_up if result.grant_year == 1 else 0)
    assert Decimal(20) <= result.year_percentage <= Decimal(75)
    assert 0 <= result.guidance_amount <= most_guidance
    assert 0 <= result.amount <= min(wage, cap) * result.year_percentage / 100 + result.guidance_amount
    assert result.amount == result.amount.quantize(CENT)


@PROPERTIES
@given(grants(), QUARTERS, MONEY, MONEY, SCHEDULES, st.sampled_from(["none", "no days"]))
def test_a_quarter_without_employment_pays_no_loonpremie_nor_begeleidingspremie(grant, quarter, wage, cap, schedule,
                                                                                how):
    """Seed 003: payment "op basis van uw RSZ-aangifte": no declared day, nothing at all."""
    declaration = None if how == "none" else Declaration(Decimal(0), Decimal(0), wage)
    result = calculate(grant, quarter, declaration, cap, schedule=schedule)
    assert result.amount == 0 and result.guidance_amount == 0
