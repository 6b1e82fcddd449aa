"""Admissibility rules, the 7-day term and the VOP's 4-month wait for VDAB (seeds 000, 001, 003).
Pure: no Flask, no database; the facts from the authentic sources and today's date are passed in.
What a decision grants (dates, percentage) is in decisions.py.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from portal.domain.individueel_maatwerk import PREMIUMS
from portal.domain.quarters import add_months  # noqa: F401  (re-exported: the month arithmetic lives in quarters)
from portal.domain.wop import EmployeePackage

TERM_DAYS = 7  # admissibility notice within 7 calendar days of receipt (seed 001)
VDAB_WAIT_MONTHS = 4  # VOP: VDAB not finished 4 months after admissibility (seed 001)
REFUSAL_WAIT_MONTHS = 6  # VOP: a new request to VDAB 6 months after its refusal (seed 001)
IM_PROCESSING_DAYS = 30  # individueel maatwerk: "Uw dossier wordt binnen 30 dagen behandeld" (seed 003)
EVALUATION_PROCESSING_DAYS = 120  # an evaluation: "binnen 120 dagen behandeld" (seed 003)

@dataclass(frozen=True)
class VdabFacts:
    need: str | None  # "loonpremie", "loonpremie_begeleiding", "geen" or None
    need_years: int | None = None
    package: str | None = None  # the code of the werkondersteuningspakket, "WOP 1" … "WOP 5" (seed 004)
    handicap_status: str | None = None  # "erkend", "aangevraagd", "geweigerd" or None (unknown)
    status_date: date | None = None
    wop: EmployeePackage | None = None  # that package in full, with its start and validity


@dataclass(frozen=True)
class Period:
    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Facts:
    """What the application says and what the sources know."""

    measure: str  # "im" or "vop"
    applicant_type: str  # "werkgever", "school", "zelfstandige"
    applied_on: date
    premium: str | None = None  # individueel maatwerk: the employer's choice
    via_onderwijs: bool = False  # school: employed through the Departement Onderwijs
    for_self: bool = False  # self-employed applying for themselves
    vdab: VdabFacts | None = None  # None: VDAB does not know the person
    dimona: tuple[Period, ...] = ()
    onderwijs: tuple[Period, ...] = ()


@dataclass(frozen=True)
class Check:
    source: str  # "vdab", "rsz", "onderwijs"
    ok: bool
    summary: str


@dataclass(frozen=True)
class Outcome:
    admissible: bool
    reasons: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()
    # VOP: VDAB has not (yet) recognised the arbeidshandicap; the file waits for VDAB.
    waiting_for_vdab: bool = False
    vdab_unknown: bool = False
    # VOP: VDAB refused the right; the department will refuse the application (seed 001).
    refusal_reason: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


REASON_PREMIUM = ("De keuze voor de premie die u maakte in de aanvraag ({chosen}) komt niet overeen met de "
                  "behoefte die VDAB vaststelde ({need}). U kunt een nieuwe aanvraag indienen met de juiste keuze.")
REASON_NO_NEED = ("VDAB heeft (nog) geen geldige behoefte aan werkondersteunende maatregelen vastgesteld bij deze "
                  "werknemer. Pas als VDAB dit heeft vastgesteld, kunt u een nieuwe aanvraag indienen.")
REASON_NO_DIMONA = ("Er is geen geldige arbeidsrelatie terug te vinden tussen u en de werknemer in Dimona op de "
                    "datum van de aanvraag ({day}). U kunt enkel een aanvraag indienen tijdens de tewerkstelling.")
REASON_NO_ONDERWIJS = ("U gaf aan dat de werknemer tewerkgesteld is via het Departement Onderwijs, maar het "
                       "Departement Onderwijs kent geen tewerkstelling van deze werknemer in uw scholengroep op de "
                       "datum van de aanvraag ({day}).")


def _employment_check(facts: Facts) -> tuple[Check | None, str | None]:
    day = f"{facts.applied_on:%d/%m/%Y}"
    if facts.for_self:
        return None, None
    if facts.applicant_type == "school" and facts.via_onderwijs:
        ok = any(p.covers(facts.applied_on) for p in facts.onderwijs)
        summary = ("Tewerkstelling via het Departement Onderwijs op de aanvraagdatum." if ok
                   else "Geen tewerkstelling via het Departement Onderwijs op de aanvraagdatum.")
        return Check("onderwijs", ok, summary), None if ok else REASON_NO_ONDERWIJS.format(day=day)
    ok = any(p.covers(facts.applied_on) for p in facts.dimona)
    summary = "Arbeidsrelatie in Dimona op de aanvraagdatum." if ok else "Geen arbeidsrelatie in Dimona op de aanvraagdatum."
    return Check("rsz", ok, summary), None if ok else REASON_NO_DIMONA.format(day=day)


def _vdab_need_check(facts: Facts) -> tuple[Check, str | None]:
    """Individueel maatwerk: VDAB established a need, and it matches the premium chosen (seed 003)."""
    need = facts.vdab.need if facts.vdab else None
    if need in (None, "geen"):
        return Check("vdab", False, "VDAB stelde geen behoefte aan werkondersteunende maatregelen vast."), REASON_NO_NEED
    need_label = PREMIUMS.get(need, need).lower()
    if facts.for_self or facts.applicant_type == "zelfstandige" and not facts.premium:
        return Check("vdab", True, f"VDAB stelde een behoefte vast: {need_label}."), None
    if facts.premium != need:
        chosen = PREMIUMS.get(facts.premium, facts.premium or "geen keuze").lower()
        return (Check("vdab", False, f"Gekozen: {chosen}; VDAB stelde vast: {need_label}."),
                REASON_PREMIUM.format(chosen=chosen, need=need_label))
    return Check("vdab", True, f"De gekozen premie komt overeen met de behoefte die VDAB vaststelde ({need_label})."), None


def _vdab_handicap(facts: Facts, today: date) -> tuple[Check, Outcome]:
    """VOP: recognised, requested, unknown or refused (seeds 000, 001). None of these makes the
    application inadmissible; a refusal leads to a refused application, the others wait for VDAB."""
    status = facts.vdab.handicap_status if facts.vdab else None
    if status == "erkend":
        return Check("vdab", True, "VDAB erkende de arbeidshandicap."), Outcome(True)
    if status == "aangevraagd":
        return (Check("vdab", True, "De erkenning van de arbeidshandicap is bij VDAB aangevraagd; het dossier wacht op VDAB."),
                Outcome(True, waiting_for_vdab=True))
    if status == "geweigerd":
        refused_on = facts.vdab.status_date
        again = add_months(refused_on, REFUSAL_WAIT_MONTHS) if refused_on else None
        reason = "VDAB weigerde het recht van de werknemer op een arbeidshandicap"
        reason += f" op {refused_on:%d/%m/%Y}." if refused_on else "."
        if again is None or again <= today:
            reason += " Die weigering is meer dan zes maanden oud: de werknemer kan opnieuw een aanvraag indienen bij VDAB."
        else:
            reason += (f" De werknemer kan vanaf {again:%d/%m/%Y} opnieuw een aanvraag indienen bij VDAB, of binnen "
                       "45 dagen na de weigeringsbrief van VDAB om een heroverweging vragen.")
        return Check("vdab", False, reason), Outcome(True, refusal_reason=reason)
    return (Check("vdab", False, "VDAB kent de werknemer (nog) niet als persoon met een arbeidshandicap; het dossier wacht op VDAB."),
            Outcome(True, waiting_for_vdab=True, vdab_unknown=True))


def assess(facts: Facts, today: date) -> Outcome:
    """The outcome of the automatic admissibility checks, with each reason in Dutch."""
    checks, reasons = [], []
    employment, reason = _employment_check(facts)
    vop = None
    if facts.measure == "im":
        vdab_check, vdab_reason = _vdab_need_check(facts)
        checks.append(vdab_check)
        reasons += [vdab_reason] if vdab_reason else []
    else:
        vdab_check, vop = _vdab_handicap(facts, today)
        checks.append(vdab_check)
    if employment is not None:
        checks.append(employment)
        reasons += [reason] if reason else []
    if reasons:
        return Outcome(False, tuple(reasons), tuple(checks))
    if vop is not None:
        return Outcome(True, (), tuple(checks), vop.waiting_for_vdab, vop.vdab_unknown, vop.refusal_reason)
    return Outcome(True, (), tuple(checks))


# --- the 7-day term -------------------------------------------------------------------------

def _days_waited(suspended_days: int, suspended_since: date | None, today: date) -> int:
    """Days the department waited for information it asked for, the running wait included: each
    moves a deadline counted from receipt by one day."""
    return suspended_days + ((today - suspended_since).days if suspended_since else 0)


def admissibility_deadline(received_on: date, suspended_days: int, suspended_since: date | None, today: date) -> date:
    """Seven calendar days after receipt, suspended while the department waits for information it
    asked for (seed 001): every day of waiting moves the deadline one day."""
    return received_on + timedelta(days=TERM_DAYS + _days_waited(suspended_days, suspended_since, today))


def decision_term(measure: str, kind: str | None = None, vop_evaluation: bool = False) -> int | None:
    """Days the department has to decide. An evaluation request, the "evalueren" request of a running
    individueel-maatwerk grant (kind "evaluatie") or a new individueel-maatwerk application marked as
    evaluation of a VOP, is decided within 120 days (seed 003, "Evaluatie aanvragen"); any other
    individueel-maatwerk application within 30 days (seed 003: "Uw dossier wordt binnen 30 dagen
    behandeld"). The VOP seeds give no such term, nor do they for a reconsideration: None."""
    if kind == "evaluatie" or vop_evaluation:
        return EVALUATION_PROCESSING_DAYS
    if measure != "im" or kind == "heroverweging":
        return None
    return IM_PROCESSING_DAYS


def processing_deadline(measure: str, received_on: date, suspended_days: int, suspended_since: date | None,
                        today: date, kind: str | None = None, vop_evaluation: bool = False) -> date | None:
    """The day the department must have decided (decision_term), counted like the admissibility term
    from receipt and suspended while the department waits for information it asked for. An evaluation
    too: the seed says "Is uw aanvraag ontvankelijk? Dan wordt uw dossier binnen 120 dagen
    behandeld", VDAB evaluating within those 120 days (domain.md's "120 days after VDAB's
    evaluation" reads more into it; the seed wins)."""
    term = decision_term(measure, kind, vop_evaluation)
    if term is None:
        return None
    return received_on + timedelta(days=term + _days_waited(suspended_days, suspended_since, today))


def urgent_on(received_on: date, suspended_days: int, admissibility_pending: bool, decision_days: int | None) -> date | None:
    """The first deadline as it stands while the clock runs: receipt + the shorter of the terms still
    open (7 days while admissibility is not decided, the decision term while not final) + the days
    already waited. It does not depend on today: while the clock runs, days left = this date −
    today; while the department waits (since a day), days left = this date − that day, frozen. The
    work queue stores it (dossier.urgent_on) so the database can order open dossiers by an index.
    None: no term runs."""
    terms = ([TERM_DAYS] if admissibility_pending else []) + ([decision_days] if decision_days is not None else [])
    if not terms:
        return None
    return received_on + timedelta(days=min(terms) + suspended_days)


def days_left(deadline: date, today: date) -> int:
    return (deadline - today).days


# --- VOP: VDAB not finished after 4 months ----------------------------------------------------

def vdab_notice_due(admissible_on: date | None, handicap_status: str | None, today: date) -> bool:
    """VOP: VDAB has not recognised (nor refused) the handicap 4 months after admissibility (seed 001)."""
    if admissible_on is None or handicap_status in ("erkend", "geweigerd"):
        return False
    return today >= add_months(admissible_on, VDAB_WAIT_MONTHS)
