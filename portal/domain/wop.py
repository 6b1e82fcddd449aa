"""Het werkondersteuningspakket, WOP (seed 004_a9eebd248ec7c11d.txt; digest: domain.md
"Werkondersteuningspakket (004)"). Pure: the package, the employment's start, the POP's date and
today are passed in. The five start packages themselves are reference data (table `wop_package`,
loaded by migration 0012 and by staff as CSV), not constants here.

- "Het WOP is maximaal 5 jaar geldig en kan via een evaluatie door VDAB aangepast worden."
- Correction: "Dit kan tot 8 weken na aanwerving aangevraagd worden."
- Evaluation: "Vanaf het derde jaar tewerkstelling en enkel voor tewerkstellingen vanaf 01/01/2019",
  "Vervroegde evaluatie in functie van doorstroom", or a "gewijzigde én geattesteerde medische" or
  "bijkomende én geattesteerde psychosociale problematiek"; "Er moet steeds een actueel POP
  (maximaal 1 jaar oud)" and a motivatieverslag; an employer's request "moet de werknemer steeds
  ... mee ondertekenen".
- "Na het gesprek heeft VDAB 20 dagen tijd om een beslissing te nemen".
- Not agreed: heroverwegingscommissie (HOC), then "binnen de twee maanden na verzending van de
  aangetekende brief een verzoekschrift ... bij de arbeidsrechtbank".
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from portal.domain.quarters import add_months, anniversary, end_after_years

VALID_YEARS = 5
CORRECTION_WEEKS = 8
THIRD_YEAR_FROM = date(2019, 1, 1)  # "enkel voor tewerkstellingen vanaf 01/01/2019"
POP_MAX_YEARS = 1
VDAB_DECISION_DAYS = 20
LABOUR_COURT_MONTHS = 2

GUIDANCE = {"hoog": "hoog", "midden": "midden", "laag": "laag"}
BASES = {"attesten": "attesten", "icf": "ICF"}


@dataclass(frozen=True)
class Package:
    """One of the five start packages (article 50 of the maatwerkbesluit)."""

    code: str  # "WOP 1" … "WOP 5"
    target_group: str  # "PmAH zwak", "PMP zwak", "PmAH sterk", "PMP sterk", "Uiterst kwetsbaar"
    percentage: Decimal  # the wage premium (loonpremie), 60 or 45
    guidance: str  # begeleidingsgraad: "hoog", "midden", "laag"
    basis: str  # advice based on "attesten" or "icf"

    @property
    def label(self) -> str:
        return (f"{self.code} ({self.target_group}): loonpremie {whole(self.percentage)}%, "
                f"begeleiding {self.guidance}")


@dataclass(frozen=True)
class EmployeePackage:
    """The package VDAB set for one employee: from when, and until when it holds (at most 5 years)."""

    package: Package
    start: date | None
    valid_until: date | None


def whole(percentage: Decimal) -> Decimal:
    """A percentage without trailing zeros (60.00 reads 60), still a Decimal."""
    return percentage.quantize(Decimal(1)) if percentage == percentage.to_integral_value() else percentage.normalize()


def valid_until(start: date, end: date | None) -> date:
    """The last day of the package: VDAB's end, never more than 5 years after its start."""
    latest = end_after_years(start, VALID_YEARS)
    return latest if end is None else min(end, latest)


# --- correction: up to 8 weeks after hiring ----------------------------------------------------

@dataclass(frozen=True)
class Window:
    opens_on: date
    last_day: date
    open: bool


def correction_window(hired_on: date, today: date) -> Window:
    """Hired on day 0: day 56 (8 weeks) is the last day a correction may be asked, day 57 is late."""
    last_day = hired_on + timedelta(weeks=CORRECTION_WEEKS)
    return Window(hired_on, last_day, hired_on <= today <= last_day)


def correction_problem(hired_on: date, today: date) -> str | None:
    window = correction_window(hired_on, today)
    if window.open:
        return None
    if today < hired_on:
        return f"Een correctie kan pas vanaf de aanwerving ({hired_on:%d/%m/%Y})."
    return (f"Een correctie van het werkondersteuningspakket kon tot 8 weken na de aanwerving: "
            f"de termijn liep af op {window.last_day:%d/%m/%Y}.")


# --- evaluation ------------------------------------------------------------------------------

THIRD_YEAR = "derde_jaar"
DOORSTROOM = "doorstroom"
MEDICAL = "medisch"
PSYCHOSOCIAL = "psychosociaal"
REASONS = {
    THIRD_YEAR: "Vanaf het derde jaar tewerkstelling",
    DOORSTROOM: "Vervroegde evaluatie in functie van doorstroom",
    MEDICAL: "Gewijzigde én geattesteerde medische problematiek",
    PSYCHOSOCIAL: "Bijkomende én geattesteerde psychosociale problematiek",
}
REPORTS = {
    THIRD_YEAR: "Motivatieverslag",
    DOORSTROOM: "Motivatieverslag",
    MEDICAL: "Motivatieverslag op basis van gewijzigde medische problematiek (ondertekend door een arts of externe dienst)",
    PSYCHOSOCIAL: "Motivatieverslag op basis van bijkomende psychosociale problematiek (ondertekend door een externe "
                  "en onafhankelijke instantie)",
}


def third_year_from(employed_since: date) -> date:
    """The first day of the third year of employment."""
    return anniversary(employed_since, 2)


def evaluation_problem(reason: str, employed_since: date, today: date) -> str | None:
    """Why this evaluation cannot be asked today, in Dutch, or None. Doorstroom and an attested
    change in medical or psychosocial problems may be asked at any time of the employment."""
    if reason not in REASONS:
        return "Kies waarom u een evaluatie vraagt."
    if reason != THIRD_YEAR:
        return None
    if employed_since < THIRD_YEAR_FROM:
        return ("Een evaluatie vanaf het derde jaar kan enkel voor tewerkstellingen vanaf 01/01/2019; deze "
                f"tewerkstelling begon op {employed_since:%d/%m/%Y}. Vraag een evaluatie bij doorstroom of bij een "
                "gewijzigde en geattesteerde medische of psychosociale problematiek.")
    opens = third_year_from(employed_since)
    if today < opens:
        return (f"Een evaluatie kan vanaf het derde jaar tewerkstelling: vanaf {opens:%d/%m/%Y}. Eerder kan bij "
                "doorstroom of bij een gewijzigde en geattesteerde medische of psychosociale problematiek.")
    return None


def pop_problem(pop_on: date, today: date) -> str | None:
    """The POP (persoonlijk ontwikkelingsplan) is at most one year old: a POP of exactly a year ago
    still counts, one a day older does not."""
    if pop_on > today:
        return "De datum van het POP ligt in de toekomst."
    oldest = anniversary(today, -POP_MAX_YEARS)
    if pop_on < oldest:
        return (f"Het POP van {pop_on:%d/%m/%Y} is ouder dan een jaar. Voeg een actueel POP toe "
                f"(opgemaakt op of na {oldest:%d/%m/%Y}).")
    return None


def vdab_decision_by(talk_on: date) -> date:
    """VDAB decides within 20 days of the workplace talk."""
    return talk_on + timedelta(days=VDAB_DECISION_DAYS)


def labour_court_until(letter_on: date) -> date:
    """The last day to go to the labour court: two months after the registered letter was sent."""
    return add_months(letter_on, LABOUR_COURT_MONTHS)


def talk_problem(talk_on: date, requested_on: date, today: date) -> str | None:
    """Seed 004: after the request VDAB makes an appointment for the workplace talk, so the talk lies
    between the request and today."""
    if talk_on > today:
        return "De datum van het gesprek ligt in de toekomst: registreer de uitkomst na het gesprek."
    if talk_on < requested_on:
        return (f"Het gesprek op de werkvloer ligt vóór de vraag aan VDAB van {requested_on:%d/%m/%Y}: "
                "kijk de datum na.")
    return None


def letter_problem(letter_on: date, talk_on: date | None, requested_on: date, today: date) -> str | None:
    """Seed 004: VDAB decides after the workplace talk and tells it by (registered) letter, so the letter
    lies between the request (and the talk) and today. The labour court's two months run from it."""
    if letter_on > today:
        return "De datum van de brief ligt in de toekomst: registreer de uitkomst als de brief verstuurd is."
    if letter_on < requested_on:
        return (f"De brief van VDAB ligt vóór de vraag aan VDAB van {requested_on:%d/%m/%Y}: kijk de datum na.")
    if talk_on is not None and letter_on < talk_on:
        return (f"De brief van VDAB ligt vóór het gesprek op de werkvloer van {talk_on:%d/%m/%Y}: VDAB beslist "
                "na het gesprek. Kijk de datums na.")
    return None
