"""What a decision grants: its dates and the proposed percentage (portal/domain/decisions.py)."""

from datetime import date

from portal.domain import decisions

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
    assert decisions.proposed_percentage("im", "WOP 1") == 60 and decisions.proposed_percentage("im", "WOP 3") == 45
    assert decisions.proposed_percentage("vop", None) == 40 and decisions.proposed_percentage("im", None) is None
