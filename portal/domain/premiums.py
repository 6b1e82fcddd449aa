"""The quarterly premium: what a running grant pays for one quarter of employment, and when it is
paid (seeds 001, 003, 004). Pure: the declaration, the grant and the parameters are passed in.

Seed 003, stap 6: "De betaling van de premie(s) verloopt automatisch op kwartaalbasis de vierde
maand na het kwartaal van tewerkstelling op basis van uw RSZ-aangifte als werkgever."
Seed 001: "Het departement zal ieder kwartaal de premie van het voorgaande kwartaal automatisch
uitbetalen." Seed 004: the werkondersteuningspakket sets the wage-premium percentage (60% or 45%).

Amounts are Decimal, never float. The parameters the seeds do not give (the cap on the reference
wage, the rounding) come from the dated parameters table (portal/models/premiums.py), with their
source; indexation is a new dated row of the cap.
"""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from portal.domain import premium_schedule
from portal.domain.premium_schedule import Schedule
from portal.domain.quarters import Quarter

CAP = "referteloon_plafond_kwartaal"  # the cap on the reference wage for one quarter, in euro
ROUNDING = "afronding"  # the unit an amount is rounded down to, in euro (0.01: the eurocent)
PARAMETERS = {CAP: "Plafond van het referteloon per kwartaal (EUR)", ROUNDING: "Afronding van bedragen (EUR)",
              **premium_schedule.PARAMETERS}


def payment_date(measure: str, quarter: Quarter) -> date:
    """The day the premium for `quarter` of employment is paid.

    Individueel maatwerk (seed 003): "de vierde maand na het kwartaal van tewerkstelling"; the
    portal takes the last day of that month (the promise holds on any day of it, the last day is
    the one the department can always keep, with the RSZ declaration in). 1st quarter: 31 July.
    VOP (seeds 000, 001): "ieder kwartaal de premie van het voorgaande kwartaal", "aan het einde van
    elk kwartaal": the last day of the quarter after the quarter of employment. 1st quarter: 30 June.
    """
    if measure == "im":
        month_index = quarter.end.year * 12 + quarter.end.month - 1 + 4
        year, month = divmod(month_index, 12)
        return date(year, month + 1, calendar.monthrange(year, month + 1)[1])
    return quarter.shift(1).end


@dataclass(frozen=True)
class Grant:
    """The part of a dossier the calculation needs."""

    begin: date
    end: date | None
    percentage: int
    left_service_on: date | None = None  # the employee's last working day, when reported
    # Individueel maatwerk: the percentage follows the schedule over the grant's years (a VOP: False).
    scheduled: bool = False
    guidance: str | None = None  # the guidance level, when the premium includes the begeleidingspremie
    start_up: bool = True  # False after an evaluation of a running grant: no start-up amount again


@dataclass(frozen=True)
class Declaration:
    """The employer's RSZ quarterly declaration (DmfA) for one employee and quarter."""

    days: Decimal
    hours: Decimal
    wage: Decimal


@dataclass(frozen=True)
class Calculation:
    covered_days: int  # calendar days of the quarter inside the grant (and before leaving service)
    quarter_days: int
    reference_wage: Decimal  # the wage, capped, for the covered part of the quarter
    percentage: int  # the decided percentage
    amount: Decimal  # the loonpremie plus the begeleidingspremie
    grant_year: int = 1  # the year of the grant the quarter falls in
    year_percentage: Decimal | None = None  # the percentage of that year (the schedule's), None for a VOP
    guidance_amount: Decimal = Decimal("0.00")


def covered_days(grant: Grant, quarter: Quarter) -> int:
    """The calendar days of the quarter the grant covers: it may start mid-quarter (a VOP from the
    quarter of application, seed 001), end, or stop when the employee left service."""
    return _covered(grant, quarter.start, quarter.end)


def _covered(grant: Grant, start: date, end: date) -> int:
    first = grant.begin if grant.begin > start else start
    last = end
    for day in (grant.end, grant.left_service_on):
        if day is not None and day < last:
            last = day
    return max(0, (last - first).days + 1)


def calculate(grant: Grant, quarter: Quarter, declaration: Declaration | None, cap: Decimal,
              rounding: Decimal = Decimal("0.01"), schedule: Schedule | None = None) -> Calculation:
    """The premium for one quarter: the declared wage, capped, for the part of the quarter inside
    the grant, times the percentage; for individueel maatwerk the percentage of the grant's year and
    the begeleidingspremie, both from `schedule` (portal/domain/premium_schedule.py). A quarter
    without employment (no declaration, no day declared) pays nothing. Every amount is rounded down
    to `rounding`, so the premium is never more than the percentage of the reference wage (plus the
    begeleidingspremie)."""
    rounding = rounding.normalize()  # a stored 0.0100 is the cent, not four places
    schedule = schedule or Schedule()
    start, end = quarter.start, quarter.end
    quarter_days = (end - start).days + 1
    covered = _covered(grant, start, end)
    year = premium_schedule.grant_year(grant.begin, max(grant.begin, start))
    percentage = premium_schedule.year_percentage(grant.percentage, year, schedule) if grant.scheduled else None
    zero = Decimal("0.00")
    if declaration is None or declaration.days <= 0 or declaration.wage <= 0 or covered == 0:
        return Calculation(covered, quarter_days, zero, grant.percentage, zero, year, percentage, zero)
    capped = min(declaration.wage, cap)
    reference = (capped * covered / quarter_days).quantize(rounding, ROUND_DOWN)
    wage_premium = (reference * (grant.percentage if percentage is None else percentage) / 100).quantize(
        rounding, ROUND_DOWN)
    guidance = premium_schedule.guidance_amount(grant.guidance if grant.scheduled else None, year, covered,
                                                quarter_days, schedule, rounding, grant.start_up)
    return Calculation(covered, quarter_days, reference, grant.percentage, wage_premium + guidance, year, percentage,
                       guidance)


def parameter(values: list[tuple[date, Decimal]], day: date) -> Decimal | None:
    """The value valid on `day` among (valid from, value) rows: the latest that started by then."""
    valid = [(since, value) for since, value in values if since <= day]
    return max(valid)[1] if valid else None


def quarter_index(quarter: Quarter) -> int:
    return quarter.year * 4 + quarter.number - 1


def decimal_comma(value: Decimal, places: int = 2, grouping: bool = True) -> str:
    """1234.5 → "1.234,50" (nl-BE), for pages and mail; without grouping "1234,50" (for CSV)."""
    text = f"{Decimal(value):{',' if grouping else ''}.{places}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def euro(value: Decimal) -> str:
    """"€ 1.234,50"; a negative amount (a correction downwards) as "€ -12,00"."""
    return f"€ {decimal_comma(value)}"
