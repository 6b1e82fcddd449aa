"""What a decision grants: its begin and end dates and the wage-premium percentage proposed to
staff (seeds 001, 003, 004). Pure: the day of application, of the decision and VDAB's duration are
passed in."""

from dataclasses import dataclass
from datetime import date

from portal.domain import vop
from portal.domain.quarters import end_after_years, first_day_of_quarter


@dataclass(frozen=True)
class Dates:
    begin: date
    end: date


def decision_dates(measure: str, applied_on: date, decided_on: date, need_years: int | None) -> Dates:
    """Individueel maatwerk, first application: from the first day of the quarter of the decision,
    for VDAB's duration, at most 5 years (seed 003). VOP: from the quarter of application, not
    retroactively from hiring (seed 001); VDAB fixes the duration (at most 5 years)."""
    years = min(need_years or 2, 5)
    begin = first_day_of_quarter(decided_on) if measure == "im" else vop.premium_start(applied_on)[1]
    return Dates(begin, end_after_years(begin, years))


PACKAGE_PERCENTAGE = {"WOP 1": 60, "WOP 2": 60, "WOP 3": 45, "WOP 4": 45, "WOP 5": 45}
VOP_BASE_PERCENTAGE = 40


def proposed_percentage(measure: str, package: str | None) -> int | None:
    """The wage-premium percentage the package sets (seed 004); VOP starts at 40% (seed 001)."""
    if measure == "vop":
        return VOP_BASE_PERCENTAGE
    return PACKAGE_PERCENTAGE.get(package or "")
