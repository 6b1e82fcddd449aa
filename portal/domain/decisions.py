"""What a decision grants: its begin and end dates and the wage-premium percentage proposed to
staff, and what staff may grant (seeds 001, 003, 004). Pure: the day of application, of the decision,
VDAB's duration and the running grant's end are passed in."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from portal.domain import evaluations, vop
from portal.domain.wop import Package, whole
from portal.domain.quarters import end_after_years, first_day_of_quarter

# Seed 003: "De einddatum is gebaseerd op de behoefte die VDAB heeft vastgesteld bij de indicering
# (maximaal 2 jaar of 5 jaar)."
MAX_YEARS = 5


@dataclass(frozen=True)
class Dates:
    begin: date
    end: date | None  # None: VDAB's need has no known duration, so no end date can be proposed


def begin_date(measure: str, applied_on: date, decided_on: date, kind: str | None = None,
               grant_end: date | None = None, evaluation: str | None = None) -> date:
    """Individueel maatwerk, first application: the first day of the quarter of the decision (seed
    003). VOP: the quarter of application, not retroactively from hiring (seed 001). A VOP extension
    (verlenging) continues the running grant: it starts the day after that grant ends, never inside
    it ("aanvraag tot behoud van de VOP", seed 001)."""
    if measure == "vop" and kind == vop.VERLENGING and grant_end is not None:
        return grant_end + timedelta(days=1)
    if kind == evaluations.EVALUATION and evaluation and grant_end is not None:
        return evaluations.new_dates(evaluation, decided_on, grant_end, None).begin
    if measure == "im":
        return first_day_of_quarter(decided_on)
    return vop.premium_start(applied_on)[1]


def latest_end(begin: date, need_years: int | None) -> date | None:
    """The last end date VDAB's need allows: 2 or 5 years from the begin (seed 003), never more than
    5 years; None when the need's duration is not known (it is never silently 2 years)."""
    if not need_years:
        return None
    return end_after_years(begin, min(need_years, MAX_YEARS))


def decision_dates(measure: str, applied_on: date, decided_on: date, need_years: int | None,
                   kind: str | None = None, grant_end: date | None = None, evaluation: str | None = None) -> Dates:
    """The proposed dates: the begin of `begin_date`, for VDAB's duration (at most 5 years)."""
    begin = begin_date(measure, applied_on, decided_on, kind, grant_end, evaluation)
    return Dates(begin, latest_end(begin, need_years))


VOP_BASE_PERCENTAGE = 40
# Seed 001: "een hogere tegemoetkoming toekennen van maximaal 60%", only on a motivated increase.
VOP_INCREASE_MAX = 60
VOP_PERCENTAGES = (f"Een verhoging van de VOP kan tot {VOP_INCREASE_MAX}%; "
                   f"de basispremie is {VOP_BASE_PERCENTAGE}%.")


def proposed_percentage(measure: str, package: Package | None, kind: str | None = None) -> Decimal | None:
    """The wage-premium percentage VDAB's package sets (seed 004, from the package table); the VOP
    keeps its own: 40% (seed 001), an increase (verhoging) proposes its maximum of 60% (seed 001)."""
    if measure == "vop":
        return Decimal(VOP_INCREASE_MAX if kind == vop.VERHOGING else VOP_BASE_PERCENTAGE)
    return whole(package.percentage) if package else None


def max_percentage(measure: str, package: Package | None, kind: str | None = None) -> Decimal:
    """The highest percentage staff may grant. VOP: 40%, up to 60% only for an increase (seed 001)
    and for an extension, which may keep an increased premium. Individueel maatwerk: the package's
    percentage when VDAB set one (seed 004), else no cap beyond 100%."""
    if measure == "vop":
        return Decimal(VOP_INCREASE_MAX if kind in (vop.VERHOGING, vop.VERLENGING) else VOP_BASE_PERCENTAGE)
    return whole(package.percentage) if package else Decimal(100)


@dataclass(frozen=True)
class Terms:
    """What the rules propose for an approval today and what they allow staff to grant."""

    measure: str
    kind: str | None
    percentage: Decimal | None  # proposed
    max_percentage: Decimal
    dates: Dates  # proposed
    need_years: int | None  # VDAB's duration; None: unknown
    grant_end: date | None = None  # a VOP extension or an evaluation: the end of the running grant
    evaluation: str | None = None  # an evaluation request: "hoogte" or "duur" (seed 003)
    package: Package | None = None  # individueel maatwerk: VDAB's werkondersteuningspakket (seed 004)

    @property
    def need_missing(self) -> bool:
        return not self.need_years

    @property
    def is_extension(self) -> bool:
        return self.measure == "vop" and self.kind == vop.VERLENGING and self.grant_end is not None


def terms(measure: str, kind: str | None, applied_on: date, decided_on: date, need_years: int | None,
          package: Package | None, grant_end: date | None = None, evaluation: str | None = None) -> Terms:
    return Terms(measure, kind, proposed_percentage(measure, package, kind), max_percentage(measure, package, kind),
                 decision_dates(measure, applied_on, decided_on, need_years, kind, grant_end, evaluation), need_years,
                 grant_end, evaluation, package if measure == "im" else None)


NEED_MISSING = ("VDAB heeft de duur van de behoefte (2 of 5 jaar) voor deze werknemer nog niet vastgesteld. "
                "Zonder die duur kan het loket geen einddatum toestaan: vraag de duur op bij VDAB.")


def percentage_problem(t: Terms, percentage: Decimal | int) -> str | None:
    """Why this percentage may not be granted, in Dutch, or None."""
    if percentage <= t.max_percentage:
        return None
    if t.measure == "vop" and t.max_percentage == VOP_BASE_PERCENTAGE:
        return (f"De VOP bedraagt {VOP_BASE_PERCENTAGE}%. Meer, tot maximaal {VOP_INCREASE_MAX}%, kan alleen "
                "na een gemotiveerde aanvraag tot verhoging.")
    if t.measure == "vop":
        return f"De VOP bedraagt maximaal {VOP_INCREASE_MAX}%, ook na een verhoging."
    return f"Het werkondersteuningspakket van VDAB bepaalt een loonpremie van maximaal {t.max_percentage}%."


def begin_problem(t: Terms, begin: date) -> str | None:
    """A begin is the first day of a quarter; an extension starts the day after the running grant; a
    decided evaluation begins on the day seed 003 names."""
    if t.evaluation and t.grant_end is not None:
        if begin == t.dates.begin:
            return None
        if t.evaluation == evaluations.HEIGHT:
            return ("Na een evaluatie van de hoogte begint de premie op de eerste dag van het kwartaal van de "
                    f"beslissing: {t.dates.begin:%d/%m/%Y}.")
        return ("Na een evaluatie van de duurtijd begint de premie op de eerste dag van het kwartaal na de vorige "
                f"einddatum ({t.grant_end:%d/%m/%Y}): {t.dates.begin:%d/%m/%Y}.")
    if t.is_extension:
        day_after = t.grant_end + timedelta(days=1)
        if begin < day_after:
            return (f"Een verlenging begint na de lopende toekenning (tot {t.grant_end:%d/%m/%Y}): "
                    f"ten vroegste op {day_after:%d/%m/%Y}.")
        if begin == day_after:
            return None
    if begin != first_day_of_quarter(begin):
        return "De begindatum is de eerste dag van een kwartaal, bijvoorbeeld 1 oktober."
    return None


def end_problem(t: Terms, begin: date, end: date) -> str | None:
    """The end follows VDAB's need: at most 2 or 5 years from the begin (seed 003)."""
    if end <= begin:
        return "De einddatum moet na de begindatum liggen."
    if t.need_missing:
        return NEED_MISSING
    latest = latest_end(begin, t.need_years)
    if end > latest:
        years = min(t.need_years, MAX_YEARS)
        return (f"De behoefte die VDAB vaststelde loopt {years} jaar: de einddatum is ten laatste "
                f"{latest:%d/%m/%Y}.")
    return None
