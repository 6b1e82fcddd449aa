"""The schedule of the individueel-maatwerk premiums over the years of a grant (domain.md, "Beyond the
seeds: what the public pages add about amounts"). Pure: the values come from the dated parameters
staff load (portal/sources/premium_parameters.csv, each row with its source), never from here.

vlaanderen.be "Individueel maatwerk voor werkgevers": the loonpremie is "berekend als percentage van
het loon" and its "bedrag neemt af tijdens een periode van 5 jaar"; at least 20% and at most 75% of
the capped reference wage. The begeleidingspremie is a "forfaitaire vergoeding" by the level of
guidance VDAB set in the werkondersteuningspakket (seed 004: hoog, midden, laag) and "houdt rekening
met een bijkomende (opstart)kost tijdens het eerste jaar".

How the portal reads that (the amounts themselves are "te bevestigen" in their source):
- the decrease is a number of percentage points taken off the decided percentage in year 1 … 5 of
  the grant (a year after the 5th keeps the 5th's decrease), the result kept between 20 and 75;
- the begeleidingspremie is an amount per full quarter by guidance level, plus in the first year of
  the grant a start-up amount per full quarter; both prorated by the days of the quarter the grant
  covers, like the loonpremie. The grant that follows an evaluation of a running grant (seed 003,
  "evalueren") continues the same guidance: no start-up amount again;
- a VOP keeps its own percentage: no decrease, no clamp, no begeleidingspremie.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal

from portal.domain.quarters import anniversary

YEARS = 5
MINIMUM, MAXIMUM = Decimal(20), Decimal(75)
LEVELS = ("hoog", "midden", "laag")


def decrease_name(year: int) -> str:
    return f"loonpremie_daling_jaar_{year}"


def guidance_name(level: str) -> str:
    return f"begeleidingspremie_kwartaal_{level}"


START_UP = "begeleidingspremie_opstart_kwartaal"
PARAMETERS = {
    **{decrease_name(year): f"Daling van het loonpremiepercentage in jaar {year} van de premie (procentpunten)"
       for year in range(1, YEARS + 1)},
    **{guidance_name(level): f"Begeleidingspremie per kwartaal, begeleiding {level} (EUR)" for level in LEVELS},
    START_UP: "Bijkomende opstartpremie per kwartaal in het eerste jaar van de begeleidingspremie (EUR)",
}


@dataclass(frozen=True)
class Schedule:
    """The parameters of the schedule valid for one quarter."""

    decrease: dict[int, Decimal] = field(default_factory=dict)  # year of the grant → percentage points
    guidance: dict[str, Decimal] = field(default_factory=dict)  # level → amount per full quarter
    start_up: Decimal = Decimal(0)  # amount per full quarter in the grant's first year


def grant_year(begin: date, day: date) -> int:
    """The year of the grant `day` falls in: 1 from `begin` up to the day before its first
    anniversary, then 2, …; never below 1."""
    year = 1
    while anniversary(begin, year) <= day:
        year += 1
    return year


def year_percentage(decided: Decimal | int, year: int, schedule: Schedule) -> Decimal:
    """The decided percentage less the year's decrease (a year after the 5th keeps the 5th's), at
    least 20 and at most 75."""
    points = schedule.decrease.get(min(year, YEARS), Decimal(0))
    return min(MAXIMUM, max(MINIMUM, Decimal(decided) - points))


def guidance_amount(level: str | None, year: int, covered: int, quarter_days: int, schedule: Schedule,
                    rounding: Decimal, start_up: bool = True) -> Decimal:
    """The begeleidingspremie for the covered days of a quarter: the level's amount, plus the
    start-up amount in the first year (unless `start_up` is False: a grant after an evaluation),
    prorated and rounded down. Nothing without a level."""
    if level is None or covered <= 0:
        return Decimal("0.00")
    extra = schedule.start_up if year == 1 and start_up else Decimal(0)
    full = schedule.guidance.get(level, Decimal(0)) + extra
    return (full * covered / quarter_days).quantize(rounding, ROUND_DOWN)
