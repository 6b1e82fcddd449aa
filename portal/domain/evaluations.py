"""Evaluation requests of a running grant (seed 003_cf4b65171622c691.txt, "Evaluatie aanvragen";
digest: domain.md "Evaluation requests"). Pure: the grant's dates, the last VDAB evaluation and
today are passed in.

- Only grants of 5 years: "een premie(s) individueel maatwerk voor 5 jaar", "een VOP van onbepaalde
  duur (5 jaar)"; never a 2-year grant nor a VOP of fixed term (apply anew when it ends).
- Height (hoogte): "Vanaf het tweede jaar van de toekenning", and not "als de vorige evaluatie door
  VDAB minder dan twee jaar geleden is".
- Duration (duurtijd): "Vanaf het laatste jaar van de premie(s)"; "minstens 5 maanden vóór het
  einde" for an uninterrupted premium, and payment continues when the department cannot decide in
  time, "op voorwaarde dat u uiterlijk 5 maanden voor het einde ... een ontvankelijke aanvraag hebt
  ingediend".
- New dates: "de eerste dag van het kwartaal van de beslissing (bij een aanpassing van de hoogte)
  of de eerste dag van het kwartaal volgend op de vorige einddatum (bij een aanpassing van de
  duurtijd)"; the end "maximaal 5 jaar" later.
- Handled: admissibility within 7 days, then "binnen 120 dagen behandeld".
"""

from dataclasses import dataclass
from datetime import date, timedelta

from portal.domain import admissibility
from portal.domain.admissibility import EVALUATION_PROCESSING_DAYS, add_months
from portal.domain.quarters import anniversary, end_after_years, first_day_of_next_quarter, first_day_of_quarter

HEIGHT = "hoogte"
DURATION = "duur"
KINDS = {HEIGHT: "Evaluatie van de hoogte van de premie", DURATION: "Evaluatie van de duurtijd (verlenging)"}

EVALUATION = "evaluatie"  # Application.kind of an evaluation request of a running dossier
PROCESSING_DAYS = EVALUATION_PROCESSING_DAYS
MAX_YEARS = 5
SHORT_GRANT_YEARS = 2
LAST_EVALUATION_YEARS = 2
IN_TIME_MONTHS = 5


def is_five_year(begin: date, end: date) -> bool:
    """A grant of 5 years (evaluable), not one of at most 2 years: longer than 2 years."""
    return end > end_after_years(begin, SHORT_GRANT_YEARS)


def height_opens(begin: date, last_evaluation: date | None) -> date:
    """The second year of the grant, and 2 years after VDAB's previous evaluation, whichever is later."""
    opens = anniversary(begin, 1)
    if last_evaluation is not None:
        opens = max(opens, anniversary(last_evaluation, LAST_EVALUATION_YEARS))
    return opens


def duration_opens(end: date) -> date:
    """The last year of the grant: one year before the day after its end."""
    return anniversary(end + timedelta(days=1), -1)


def in_time_by(end: date) -> date:
    """The last day to file for an uninterrupted premium: 5 months before the end."""
    return add_months(end, -IN_TIME_MONTHS)


@dataclass(frozen=True)
class Availability:
    kind: str
    allowed: bool
    reason: str | None = None  # in Dutch, when not allowed
    opens_on: date | None = None  # when it will be allowed; None: never for this grant


def _never(reason: str) -> list[Availability]:
    return [Availability(HEIGHT, False, reason), Availability(DURATION, False, reason)]


def availability(measure: str, begin: date | None, end: date | None, last_evaluation: date | None,
                 today: date, evaluation_open: bool = False) -> list[Availability]:
    """For a running individueel-maatwerk grant: may its height and its duration be evaluated today,
    and if not, why and from which date."""
    if measure != "im":
        return _never("Een VOP laat u evalueren met een nieuwe aanvraag individueel maatwerk, aangeduid als "
                      "evaluatie van de VOP.")
    if begin is None or end is None:
        return _never("Een evaluatie kan pas wanneer de premie is toegekend.")
    if today > end:
        return _never("De premie is beëindigd: een evaluatie kan niet meer. U kunt een nieuwe aanvraag indienen.")
    if not is_five_year(begin, end):
        return _never("Een premie individueel maatwerk voor 2 jaar kan niet geëvalueerd worden. Dien na het einde "
                      "van de premie een nieuwe aanvraag in.")
    if evaluation_open:
        return _never("Voor dit dossier loopt al een aanvraag tot evaluatie.")
    height = height_opens(begin, last_evaluation)
    if today >= height:
        height_av = Availability(HEIGHT, True)
    elif last_evaluation is not None and height > anniversary(begin, 1):
        height_av = Availability(HEIGHT, False, f"De vorige evaluatie door VDAB ({last_evaluation:%d/%m/%Y}) is minder "
                                 f"dan twee jaar geleden. Een evaluatie van de hoogte kan vanaf {height:%d/%m/%Y}.",
                                 height)
    else:
        height_av = Availability(HEIGHT, False, "Een evaluatie van de hoogte kan vanaf het tweede jaar van de "
                                 f"toekenning: vanaf {height:%d/%m/%Y}.", height)
    duration = duration_opens(end)
    if today >= duration:
        duration_av = Availability(DURATION, True)
    else:
        duration_av = Availability(DURATION, False, "Een evaluatie van de duurtijd kan vanaf het laatste jaar van de "
                                   f"premie: vanaf {duration:%d/%m/%Y}.", duration)
    return [height_av, duration_av]


def allowed_kinds(options: list[Availability]) -> list[str]:
    return [o.kind for o in options if o.allowed]


def continues_payment(filed_on: date, admissible: bool, decided: bool, end: date, today: date) -> bool:
    """The department did not decide in time on an admissible request filed at least 5 months before
    the end: the premium is paid on after its end date until the decision."""
    return admissible and not decided and filed_on <= in_time_by(end) and today > end


def kinds_that_block(measure: str, kind: str) -> set[str]:
    """The kinds of the employee's other applications that may block a new one of this kind (one
    application per employee, seed 003). Its own kind: a VOP increase does not block on its base. And
    for a new individueel-maatwerk application an evaluation request too, because a granted one is the
    employee's next premium ("de eerste dag van het kwartaal volgend op de vorige einddatum") and a
    pending one may become it. An evaluation request is filed from its dossier, not in the wizard."""
    if measure == "im" and kind == "nieuw":
        return {kind, EVALUATION}
    return {kind}


@dataclass(frozen=True)
class NewDates:
    begin: date
    latest_end: date


def new_dates(kind: str, decided_on: date, previous_end: date, need_years: int | None) -> NewDates:
    """A decided evaluation's begin (height: the quarter of the decision; duration: the quarter after
    the previous end) and its latest end (VDAB's duration, at most 5 years)."""
    begin = first_day_of_quarter(decided_on) if kind == HEIGHT else first_day_of_next_quarter(previous_end)
    years = min(need_years or MAX_YEARS, MAX_YEARS)
    return NewDates(begin, end_after_years(begin, years))


def processing_deadline(received_on: date, waited_days: int) -> date:
    """Decided within 120 days of receipt (seed 003), suspended while the department waits for
    information it asked for: admissibility.processing_deadline."""
    return admissibility.processing_deadline("im", received_on, waited_days, None, received_on, EVALUATION)


@dataclass(frozen=True)
class RequiredDocument:
    kind: str
    label: str
    hint: str


def required_documents(applicant_type: str, premium: str | None) -> list[RequiredDocument]:
    """Seed 003, "Motiveer uw evaluatie": a motivation report, in the employer's or the self-employed
    version by who applies; for the loonpremie en begeleidingspremie also the latest support plan."""
    version = "voor zelfstandigen" if applicant_type == "zelfstandige" else "voor werkgevers"
    documents = [RequiredDocument("motivatieverslag", f"Motivatieverslag ({version})",
                                  f"Het ingevulde motivatieverslag {version} van het departement, als PDF.")]
    if premium == "loonpremie_begeleiding":
        documents.append(RequiredDocument("ondersteuningsplan", "Meest recente ondersteuningsplan",
                                          "De meest recente versie van het ondersteuningsplan."))
    return documents
