"""The quarterly calculation: for every approved dossier and every complete quarter of its grant
with an RSZ declaration, one premium line (portal/domain/premiums.py computes it). Idempotent: a
quarter already calculated at the same amount adds nothing; a changed amount (a corrected
declaration, a reported departure) adds a correction line with the difference, and a line once
written is never changed. The unique key (dossier, quarter, sequence) stops a second run that
races this one: it rolls back and finds the work done.

Batched, not one ORM object per row: the inputs are read in ranges of dossier ids (one query for
the declarations, one for the lines so far) and the new lines inserted in one statement per range.
"""

import logging
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import psycopg
from sqlalchemy import and_, case, func
from sqlalchemy.exc import IntegrityError

from portal.domain import premium_schedule, premiums
from portal.domain.evaluations import EVALUATION
from portal.domain.individueel_maatwerk import MET_BEGELEIDING
from portal.domain.quarters import Quarter, quarter_of
from portal.extensions import db
from portal.models import (Application, Dossier, Enterprise, PremiumLine, PremiumParameter, RszDeclaration,
                           WopPackage)
from portal.models.base import utcnow
from portal.services.payments import runs

BATCH = 10_000
log = logging.getLogger(__name__)


class MissingParameter(RuntimeError):
    """No value of a parameter is valid for a quarter: staff must load one (Bronnen page)."""


@dataclass
class Outcome:
    lines: int = 0
    corrections: int = 0
    raced: bool = False  # another run wrote the same lines first
    missing: set[str] = field(default_factory=set)  # quarters left out: a parameter has no value for them


def parameters() -> dict[str, list[tuple[date, Decimal]]]:
    found: dict[str, list[tuple[date, Decimal]]] = {name: [] for name in premiums.PARAMETERS}
    for row in db.session.execute(db.select(PremiumParameter.name, PremiumParameter.valid_from, PremiumParameter.value)):
        found.setdefault(row.name, []).append((row.valid_from, row.value))
    return found


def value_on(values: dict, name: str, day: date) -> Decimal:
    value = premiums.parameter(values.get(name, []), day)
    if value is None:
        raise MissingParameter(f"Geen waarde voor {premiums.PARAMETERS[name]} op {day:%d/%m/%Y}: laad ze op de "
                               "pagina Referentiegegevens.")
    return value


def schedule_on(values: dict, day: date) -> premium_schedule.Schedule:
    """The schedule of individueel maatwerk valid on `day`; MissingParameter when a value is missing."""
    return premium_schedule.Schedule(
        decrease={year: value_on(values, premium_schedule.decrease_name(year), day)
                  for year in range(1, premium_schedule.YEARS + 1)},
        guidance={level: value_on(values, premium_schedule.guidance_name(level), day)
                  for level in premium_schedule.LEVELS},
        start_up=value_on(values, premium_schedule.START_UP, day))


# The guidance level of a dossier whose premium includes the begeleidingspremie (the employer's
# choice in the wizard's step "premie", seed 003): the level of its werkondersteuningspakket (seed 004).
GUIDANCE = case((Application.answers[("premie", "premie")].as_string() == MET_BEGELEIDING, WopPackage.guidance),
                else_=None).label("guidance")


def _inputs(low: int, high: int):
    """Every declaration of an approved dossier's employee at its enterprise, for dossier ids in range."""
    return db.session.execute(
        db.select(Dossier.application_id, Application.enterprise_id, Application.measure, Dossier.begin, Dossier.end,
                  Dossier.left_service_on, Dossier.percentage, GUIDANCE, Application.kind, RszDeclaration.year,
                  RszDeclaration.quarter,
                  RszDeclaration.days, RszDeclaration.hours, RszDeclaration.wage)
        .join(Application, Application.id == Dossier.application_id)
        .join(Enterprise, Enterprise.id == Application.enterprise_id)
        .outerjoin(WopPackage, WopPackage.code == Dossier.wop_package)
        .join(RszDeclaration, and_(RszDeclaration.enterprise_number == Enterprise.number,
                                   RszDeclaration.national_number == Application.employee_national_number))
        .filter(Application.state == "goedgekeurd", Dossier.begin.is_not(None), Dossier.percentage.is_not(None),
                Dossier.application_id.between(low, high)))


def _so_far(low: int, high: int) -> dict[tuple[int, int, int], tuple[Decimal, int]]:
    """(dossier, year, quarter): (sum of its lines, last sequence), for dossier ids in range."""
    rows = db.session.execute(
        db.select(PremiumLine.application_id, PremiumLine.year, PremiumLine.quarter, func.sum(PremiumLine.amount),
                  func.max(PremiumLine.sequence))
        .filter(PremiumLine.application_id.between(low, high))
        .group_by(PremiumLine.application_id, PremiumLine.year, PremiumLine.quarter))
    return {(a, y, q): (Decimal(total), last) for a, y, q, total, last in rows}


def _quarter_inputs(values: dict, quarter: Quarter, missing: set[str]):
    """The quarter's cap and rounding (None when missing: every line waits) and the schedule of
    individueel maatwerk (None when missing: its lines wait, a VOP's do not)."""
    try:
        cap, rounding = value_on(values, premiums.CAP, quarter.start), value_on(values, premiums.ROUNDING, quarter.start)
    except MissingParameter as problem:
        missing.add(str(problem))
        return None, None, None
    try:
        return cap, rounding, schedule_on(values, quarter.start)
    except MissingParameter as problem:
        missing.add(str(problem))
        return cap, rounding, None


def lines_for(rows, so_far: dict, values: dict, last: Quarter, at, missing: set[str]) -> list[dict]:
    """The new lines for these inputs: first calculations and corrections, nothing for a quarter
    already calculated at the same amount, outside the grant, or not complete yet. A quarter whose
    parameters have no value waits (its reason goes into `missing`) until staff load one."""
    new, quarters = [], {}
    for r in rows:
        known = quarters.get((r.year, r.quarter))
        if known is None:  # once per quarter: the quarter and its parameters
            quarter = Quarter(r.year, r.quarter)
            known = quarters[(r.year, r.quarter)] = (quarter, *_quarter_inputs(values, quarter, missing))
        quarter, cap, rounding, schedule = known
        scheduled = r.measure == "im"
        if quarter > last or cap is None or (scheduled and schedule is None):
            continue
        grant = premiums.Grant(r.begin, r.end, r.percentage, r.left_service_on, scheduled=scheduled,
                               guidance=r.guidance, start_up=r.kind != EVALUATION)
        result = premiums.calculate(grant, quarter, premiums.Declaration(r.days, r.hours, r.wage), cap, rounding,
                                    schedule)
        if result.covered_days == 0:  # the quarter is outside the grant
            continue
        before = so_far.get((r.application_id, r.year, r.quarter))
        if before is None:
            sequence, amount = 0, result.amount
        elif before[0] == result.amount:
            continue
        else:
            sequence, amount = before[1] + 1, result.amount - before[0]
        new.append(dict(application_id=r.application_id, enterprise_id=r.enterprise_id, measure=r.measure,
                        year=r.year, quarter=r.quarter, sequence=sequence, days=r.days, hours=r.hours, wage=r.wage,
                        covered_days=result.covered_days, quarter_days=result.quarter_days,
                        reference_wage=result.reference_wage, percentage=result.percentage, premium=result.amount,
                        amount=amount, computed_at=at, grant_year=result.grant_year if scheduled else None,
                        year_percentage=result.year_percentage, guidance_level=r.guidance if scheduled else None,
                        guidance_amount=result.guidance_amount if scheduled else None))
    return new


COLUMNS = ("application_id", "enterprise_id", "measure", "year", "quarter", "sequence", "days", "hours", "wage",
           "covered_days", "quarter_days", "reference_wage", "percentage", "premium", "amount", "computed_at",
           "grant_year", "year_percentage", "guidance_level", "guidance_amount")


def _write(new: list[dict]) -> None:
    """Insert the lines in the session's transaction: PostgreSQL's COPY, else one executemany."""
    connection = db.session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(PremiumLine.__table__.insert(), new)
        return
    try:
        with connection.connection.driver_connection.cursor() as cursor:
            with cursor.copy(f"COPY premium_line ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for line in new:
                    copy.write_row(tuple(line[column] for column in COLUMNS))
    except psycopg.errors.UniqueViolation as error:  # another run wrote these lines first
        raise IntegrityError("COPY premium_line", None, error) from error


def run(today: date, batch: int = BATCH) -> Outcome:
    """Calculate every complete quarter up to the one before `today`'s, then put the new lines in the
    open payment run of their measure (portal/services/payments/runs.py). One transaction."""
    last = quarter_of(today).shift(-1)
    values = parameters()
    outcome = Outcome()
    low, high = db.session.execute(
        db.select(func.min(Dossier.application_id), func.max(Dossier.application_id))
        .join(Application, Application.id == Dossier.application_id)
        .filter(Application.state == "goedgekeurd")).one()
    at = utcnow()
    try:
        for start in range(low or 0, (high or -1) + 1, batch):
            end = start + batch - 1
            new = lines_for(_inputs(start, end), _so_far(start, end), values, last, at, outcome.missing)
            if new:
                _write(new)
                outcome.lines += len(new)
                outcome.corrections += sum(1 for line in new if line["sequence"] > 0)
        runs.gather(last)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return Outcome(raced=True)
    for problem in sorted(outcome.missing):
        log.warning("Premieberekening: %s", problem)
    return outcome
