"""The rules of the quarterly premium (portal/domain/premiums.py): payment dates and the calculation.
Seeds 001_b28234096fe74925.txt (VOP: "ieder kwartaal de premie van het voorgaande kwartaal"),
003_cf4b65171622c691.txt (individueel maatwerk: "de vierde maand na het kwartaal van tewerkstelling")
and 004_a9eebd248ec7c11d.txt (the package's percentage, 60% or 45%)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from portal.domain import premiums
from portal.domain.premiums import Declaration, Grant, calculate, covered_days, payment_date
from portal.domain.quarters import Quarter

CAP = Decimal("12422.88")
CENT = Decimal("0.01")


@pytest.mark.parametrize("quarter, paid_on", [
    (Quarter(2026, 1), date(2026, 7, 31)),
    (Quarter(2026, 2), date(2026, 10, 31)),
    (Quarter(2026, 3), date(2027, 1, 31)),   # over the year edge
    (Quarter(2026, 4), date(2027, 4, 30)),   # over the year edge, a month of 30 days
    (Quarter(2027, 4), date(2028, 4, 30)),
])
def test_individueel_maatwerk_is_paid_in_the_fourth_month_after_the_quarter(quarter, paid_on):
    """Seed 003, stap 6: "op kwartaalbasis de vierde maand na het kwartaal van tewerkstelling"; the
    portal pays on the last day of that month."""
    assert payment_date("im", quarter) == paid_on
    months_after = (paid_on.year * 12 + paid_on.month) - (quarter.end.year * 12 + quarter.end.month)
    assert months_after == 4 and (paid_on + timedelta(days=1)).day == 1


@pytest.mark.parametrize("quarter, paid_on", [
    (Quarter(2026, 1), date(2026, 6, 30)),
    (Quarter(2026, 3), date(2026, 12, 31)),
    (Quarter(2026, 4), date(2027, 3, 31)),   # the last quarter of a year is paid at the end of the next one's first
    (Quarter(2027, 4), date(2028, 3, 31)),
])
def test_vop_is_paid_each_quarter_for_the_previous_quarter(quarter, paid_on):
    """Seed 001: "Het departement zal ieder kwartaal de premie van het voorgaande kwartaal automatisch
    uitbetalen"; the portal pays on the last day of the next quarter."""
    assert payment_date("vop", quarter) == paid_on
    assert Quarter(paid_on.year, (paid_on.month - 1) // 3 + 1) == quarter.shift(1)


def test_a_full_quarter_pays_the_percentage_of_the_capped_wage():
    """Seed 004: a WOP 3 package pays 45% of the (capped) reference wage."""
    grant = Grant(date(2026, 1, 1), date(2030, 12, 31), 45)
    result = calculate(grant, Quarter(2026, 2), Declaration(Decimal(65), Decimal(494), Decimal("7800.00")), CAP)
    assert result.reference_wage == Decimal("7800.00") and result.amount == Decimal("3510.00")
    capped = calculate(grant, Quarter(2026, 2), Declaration(Decimal(65), Decimal(494), Decimal("20000.00")), CAP)
    assert capped.reference_wage == CAP and capped.amount == Decimal("5590.29")  # 5590.296 rounded down


def test_a_grant_that_starts_mid_quarter_pays_its_days_only():
    """Seed 001: the VOP is paid from the quarter of application, not before; a grant that begins on
    15 May pays 47 of the 91 days of the 2nd quarter."""
    grant = Grant(date(2026, 5, 15), None, 40)
    result = calculate(grant, Quarter(2026, 2), Declaration(Decimal(65), Decimal(494), Decimal("9100.00")), CAP)
    assert (result.covered_days, result.quarter_days) == (47, 91)
    assert result.reference_wage == Decimal("4700.00") and result.amount == Decimal("1880.00")


def test_leaving_service_ends_the_premium_that_day():
    """Seed 003, stap 7: the employee leaves service: the premium ends with the last working day."""
    grant = Grant(date(2026, 1, 1), date(2030, 12, 31), 60, left_service_on=date(2026, 8, 31))
    assert covered_days(grant, Quarter(2026, 3)) == 62
    assert covered_days(grant, Quarter(2026, 4)) == 0
    assert calculate(grant, Quarter(2026, 4), Declaration(Decimal(60), Decimal(400), Decimal(5000)), CAP).amount == 0


def test_the_rounding_unit_is_a_value_not_a_number_of_places():
    """The parameter is stored as 0.0100 (four places in the table): it still means the cent."""
    grant = Grant(date(2026, 5, 15), None, 40)
    declaration = Declaration(Decimal(65), Decimal(520), Decimal("7800.00"))
    assert calculate(grant, Quarter(2026, 2), declaration, CAP, Decimal("0.0100")).amount == Decimal("1611.42")


def test_the_parameter_valid_on_a_day_is_the_latest_that_started():
    values = [(date(2024, 1, 1), Decimal("1")), (date(2025, 4, 1), Decimal("2"))]
    assert premiums.parameter(values, date(2025, 3, 31)) == Decimal("1")
    assert premiums.parameter(values, date(2025, 4, 1)) == Decimal("2")
    assert premiums.parameter(values, date(2023, 12, 31)) is None


def test_amounts_are_shown_the_belgian_way():
    assert premiums.euro(Decimal("1234.5")) == "€ 1.234,50"
    assert premiums.decimal_comma(Decimal("1234.5"), grouping=False) == "1234,50"


# Properties of the calculation (seeds 001, 003, 004).
PERCENTAGES = st.sampled_from([20, 40, 45, 60, 75])
MONEY = st.decimals(min_value=0, max_value=40_000, places=2, allow_nan=False, allow_infinity=False)
DAYS = st.decimals(min_value=0, max_value=92, places=2, allow_nan=False, allow_infinity=False)
QUARTERS = st.builds(Quarter, st.integers(2016, 2035), st.integers(1, 4))
DATES = st.dates(date(2015, 1, 1), date(2036, 12, 31))


@st.composite
def grants(draw):
    begin = draw(DATES)
    end = draw(st.one_of(st.none(), st.dates(begin, date(2037, 12, 31))))
    left = draw(st.one_of(st.none(), st.dates(begin, date(2037, 12, 31))))
    return Grant(begin, end, draw(PERCENTAGES), left)


PROPERTIES = settings(max_examples=300, deadline=None, derandomize=True)


@PROPERTIES
@given(grants(), QUARTERS, DAYS, DAYS, MONEY, MONEY)
def test_never_more_than_the_percentage_of_the_reference_wage(grant, quarter, days, hours, wage, cap):
    """Seeds 003/004: the premium is a percentage of the capped reference wage, never more."""
    result = calculate(grant, quarter, Declaration(days, hours, wage), cap)
    assert Decimal(0) <= result.amount <= result.reference_wage * grant.percentage / 100
    assert result.reference_wage <= min(wage, cap)
    assert result.amount == result.amount.quantize(CENT) and isinstance(result.amount, Decimal)


@PROPERTIES
@given(grants(), QUARTERS, MONEY, MONEY, st.sampled_from(["none", "no days"]))
def test_a_quarter_without_employment_pays_nothing(grant, quarter, wage, cap, how):
    """Seed 003: payment "op basis van uw RSZ-aangifte": no declared day, no premium."""
    declaration = None if how == "none" else Declaration(Decimal(0), Decimal(0), wage)
    assert calculate(grant, quarter, declaration, cap).amount == 0


@PROPERTIES
@given(QUARTERS, st.integers(0, 91), DAYS.filter(lambda d: d > 0), MONEY, PERCENTAGES)
def test_a_grant_starting_mid_quarter_pays_only_its_part(quarter, offset, days, wage, percentage):
    """Seed 001 (from the quarter of application) and 003 (from the quarter of the decision): a grant
    that starts inside a quarter pays that quarter in proportion to its days, never the whole."""
    begin = min(quarter.start + timedelta(days=offset), quarter.end)
    part = calculate(Grant(begin, None, percentage), quarter, Declaration(days, days * 8, wage), CAP)
    whole = calculate(Grant(quarter.start, None, percentage), quarter, Declaration(days, days * 8, wage), CAP)
    assert part.covered_days == (quarter.end - begin).days + 1
    assert part.amount <= whole.amount
    exact = min(wage, CAP) * part.covered_days / part.quarter_days * percentage / 100
    assert part.amount <= exact and exact - part.amount < Decimal("0.02")


@PROPERTIES
@given(grants(), QUARTERS, DAYS, DAYS, MONEY)
def test_recomputing_changes_nothing(grant, quarter, days, hours, wage):
    """The calculation is a function of its inputs: twice the same quarter, twice the same line."""
    declaration = Declaration(days, hours, wage)
    assert calculate(grant, quarter, declaration, CAP) == calculate(grant, quarter, declaration, CAP)
