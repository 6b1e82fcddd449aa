"""What a decision grants: its dates and the proposed percentage (portal/domain/decisions.py)."""

from datetime import date
from decimal import Decimal

from portal.domain import decisions
from portal.domain.wop import Package

# Seed 004_a9eebd248ec7c11d.txt: three of the five start packages (the table is loaded by migration 0012).
WOP = {"WOP 1": Package("WOP 1", "PmAH zwak", Decimal("60.00"), "hoog", "attesten"),
       "WOP 3": Package("WOP 3", "PmAH sterk", Decimal("45.00"), "midden", "attesten"),
       "WOP 5": Package("WOP 5", "Uiterst kwetsbaar", Decimal("45.00"), "laag", "icf")}

APPLIED = date(2026, 11, 23)


def test_im_first_application_begins_in_the_quarter_of_the_decision():
    """seed 003_cf4b65171622c691.txt: begin = first day of the quarter of the decision; end per VDAB's need."""
    dates = decisions.decision_dates("im", date(2026, 9, 20), date(2026, 11, 23), 5)
    assert dates == decisions.Dates(date(2026, 10, 1), date(2031, 9, 30))
    assert decisions.decision_dates("im", date(2026, 9, 20), date(2027, 1, 4), 2) == decisions.Dates(date(2027, 1, 1), date(2028, 12, 31))


def test_im_duration_is_at_most_five_years():
    """seed 003_cf4b65171622c691.txt: at most 2 or 5 years."""
    assert decisions.decision_dates("im", APPLIED, APPLIED, 9).end == date(2031, 9, 30)


def test_vop_runs_from_the_quarter_of_application():
    """seed 001_b28234096fe74925.txt: paid from the quarter of application, not retroactively."""
    dates = decisions.decision_dates("vop", date(2026, 8, 14), date(2026, 11, 23), 2)
    assert dates.begin == date(2026, 7, 1) and dates.end == date(2028, 6, 30)


def test_proposed_percentages():
    """seed 004_a9eebd248ec7c11d.txt (package) and seed 001_b28234096fe74925.txt (VOP 40%)."""
    assert decisions.proposed_percentage("im", WOP["WOP 1"]) == 60 and decisions.proposed_percentage("im", WOP["WOP 3"]) == 45
    assert decisions.proposed_percentage("vop", None) == 40 and decisions.proposed_percentage("im", None) is None


def test_an_unknown_need_duration_is_not_silently_two_years():
    """seed 003_cf4b65171622c691.txt: "De einddatum is gebaseerd op de behoefte die VDAB heeft
    vastgesteld (maximaal 2 jaar of 5 jaar)": without VDAB's duration there is no end date."""
    dates = decisions.decision_dates("im", APPLIED, APPLIED, None)
    assert dates.begin == date(2026, 10, 1) and dates.end is None
    t = decisions.terms("im", "nieuw", APPLIED, APPLIED, None, WOP["WOP 3"])
    assert t.need_missing
    assert decisions.end_problem(t, date(2026, 10, 1), date(2028, 9, 30)) == decisions.NEED_MISSING


def test_the_end_date_follows_the_need_two_or_five_years():
    """seed 003_cf4b65171622c691.txt: the end follows VDAB's need, at most 2 or 5 years."""
    two = decisions.terms("im", "nieuw", APPLIED, APPLIED, 2, WOP["WOP 5"])
    assert two.dates.end == date(2028, 9, 30)
    assert decisions.end_problem(two, date(2026, 10, 1), date(2028, 9, 30)) is None
    assert decisions.end_problem(two, date(2026, 10, 1), date(2027, 12, 31)) is None  # shorter is allowed
    assert "ten laatste 30/09/2028" in decisions.end_problem(two, date(2026, 10, 1), date(2031, 9, 30))
    five = decisions.terms("im", "nieuw", APPLIED, APPLIED, 5, WOP["WOP 3"])
    assert decisions.end_problem(five, date(2026, 10, 1), date(2031, 9, 30)) is None
    assert decisions.end_problem(five, date(2026, 10, 1), date(2031, 10, 1)) is not None
    assert decisions.end_problem(five, date(2026, 10, 1), date(2026, 10, 1)) == "De einddatum moet na de begindatum liggen."


def test_the_vop_is_40_percent_and_an_increase_at_most_60():
    """seed 001_b28234096fe74925.txt: "een hogere tegemoetkoming toekennen van maximaal 60%" only on a
    motivated increase; the premium is otherwise 40%. Individueel maatwerk follows the package (seed 004)."""
    base = decisions.terms("vop", "basis", APPLIED, APPLIED, 2, None)
    increase = decisions.terms("vop", "verhoging", APPLIED, APPLIED, 2, None)
    assert (base.percentage, base.max_percentage) == (40, 40)
    assert (increase.percentage, increase.max_percentage) == (60, 60)
    assert decisions.percentage_problem(base, 40) is None
    assert "verhoging" in decisions.percentage_problem(base, 41)
    assert decisions.percentage_problem(increase, 60) is None
    assert "maximaal 60%" in decisions.percentage_problem(increase, 61)
    im = decisions.terms("im", "nieuw", APPLIED, APPLIED, 5, WOP["WOP 1"])
    assert (im.percentage, im.max_percentage) == (60, 60) and decisions.percentage_problem(im, 61) is not None


def test_an_extension_starts_the_day_after_the_running_grant():
    """seed 001_b28234096fe74925.txt: an extension ("behoud van de VOP") follows the running grant,
    so it starts the day after that grant ends, not inside it."""
    t = decisions.terms("vop", "verlenging", date(2027, 2, 10), date(2027, 3, 1), 2, None, grant_end=date(2027, 6, 30))
    assert t.dates == decisions.Dates(date(2027, 7, 1), date(2029, 6, 30))
    assert decisions.begin_problem(t, date(2027, 7, 1)) is None
    assert "ten vroegste op 01/07/2027" in decisions.begin_problem(t, date(2027, 1, 1))
    # A grant that ended mid-quarter (the employee left): the day after, even though not a quarter's first day.
    mid = decisions.terms("vop", "verlenging", date(2027, 2, 10), date(2027, 3, 1), 2, None, grant_end=date(2027, 5, 14))
    assert mid.dates.begin == date(2027, 5, 15) and decisions.begin_problem(mid, date(2027, 5, 15)) is None
    assert decisions.begin_problem(mid, date(2027, 5, 20)) is not None
    # A base application still begins in the quarter of application.
    assert decisions.terms("vop", "basis", date(2027, 2, 10), date(2027, 3, 1), 2, None).dates.begin == date(2027, 1, 1)
