"""Quarter arithmetic (seed 001_b28234096fe74925.txt: "vanaf het kwartaal van aanvraag", "vanaf het
voorlaatste kwartaal"; seed 003_cf4b65171622c691.txt: "de eerste dag van het kwartaal van de beslissing")."""

from datetime import date

import pytest

from portal.domain.quarters import (
    Quarter,
    anniversary,
    end_after_years,
    first_day_of_next_quarter,
    first_day_of_quarter,
    penultimate_quarter,
    quarter_of,
)


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2026, 1, 1), Quarter(2026, 1)),
        (date(2026, 3, 31), Quarter(2026, 1)),
        (date(2026, 4, 1), Quarter(2026, 2)),
        (date(2026, 6, 30), Quarter(2026, 2)),
        (date(2026, 7, 1), Quarter(2026, 3)),
        (date(2026, 9, 30), Quarter(2026, 3)),
        (date(2026, 10, 1), Quarter(2026, 4)),
        (date(2026, 12, 31), Quarter(2026, 4)),
    ],
)
def test_every_boundary_day_falls_in_its_quarter(day, expected):
    assert quarter_of(day) == expected
    assert expected.contains(day)


def test_start_and_end_of_each_quarter():
    assert [(q.start, q.end) for q in (Quarter(2024, n) for n in range(1, 5))] == [
        (date(2024, 1, 1), date(2024, 3, 31)),
        (date(2024, 4, 1), date(2024, 6, 30)),
        (date(2024, 7, 1), date(2024, 9, 30)),
        (date(2024, 10, 1), date(2024, 12, 31)),
    ]


def test_shift_crosses_years_both_ways():
    assert Quarter(2026, 4).shift(1) == Quarter(2027, 1)
    assert Quarter(2026, 1).shift(-1) == Quarter(2025, 4)
    assert Quarter(2026, 2).shift(-9) == Quarter(2024, 1)
    assert Quarter(2026, 2).shift(0) == Quarter(2026, 2)


def test_invalid_quarter_number():
    with pytest.raises(ValueError):
        Quarter(2026, 5)


def test_premium_runs_from_the_quarter_of_application_not_the_hiring_date():
    # 001: "niet ... met terugwerkende kracht vanaf de indiensttredingsdatum, maar vanaf het kwartaal van aanvraag"
    assert first_day_of_quarter(date(2026, 11, 23)) == date(2026, 10, 1)


def test_first_day_of_next_quarter():
    assert first_day_of_next_quarter(date(2026, 12, 31)) == date(2027, 1, 1)
    assert first_day_of_next_quarter(date(2026, 1, 1)) == date(2026, 4, 1)


def test_penultimate_quarter_of_a_grant():
    # 001: "Vanaf het voorlaatste kwartaal van de toekenning"
    assert penultimate_quarter(date(2027, 6, 30)) == Quarter(2027, 1)
    assert penultimate_quarter(date(2027, 1, 15)) == Quarter(2026, 4)


def test_end_after_years():
    assert end_after_years(date(2026, 10, 1), 5) == date(2031, 9, 30)
    assert end_after_years(date(2026, 10, 1), 2) == date(2028, 9, 30)
    assert end_after_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_labels_in_dutch():
    assert Quarter(2026, 4).label() == "4de kwartaal 2026"
    assert Quarter(2026, 1).label() == "1ste kwartaal 2026"


def test_anniversary_of_29_february_is_1_march_in_a_common_year():
    """The one anniversary rule: a VOP grant's end (seed 001) and a self-employed person's first year
    (seed 001, viability proof) both count from it."""
    assert anniversary(date(2024, 2, 29), 1) == date(2025, 3, 1)
    assert anniversary(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert anniversary(date(2026, 11, 23), 2) == date(2028, 11, 23)
