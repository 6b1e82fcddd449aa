"""Run the automatic admissibility checks against the authentic sources and record the outcome."""

from datetime import timedelta

from portal.clock import now, today
from portal.domain import dossier_states
from portal.domain.admissibility import Facts, assess
from portal.extensions import db
from portal.models import Application, Dossier
from portal.services.dossiers import answers, notices
from portal.services.dossiers.transitions import record, transition
from portal.sources import SourceUnavailable, get_sources

RETRY_MINUTES = (5, 15, 60, 240, 720)  # then every 12 hours: a source outage never decides
STALE_AFTER = timedelta(minutes=10)  # a submitted dossier nobody checked (Redis was down)
# Evaluation and reconsideration requests are about a dossier already checked: staff judge them.
MANUAL_KINDS = ("evaluatie", "heroverweging")


def gather(application: Application) -> Facts:
    """Ask each source what the rules need; SourceUnavailable when one does not answer."""
    sources = get_sources()
    national_number = answers.employee_national_number(application)
    enterprise_number = application.enterprise.number
    onderwijs = answers.via_onderwijs(application) and application.applicant_type == "school"
    for_self = answers.for_self(application)
    return Facts(
        measure=application.measure, applicant_type=application.applicant_type,
        applied_on=application.applied_on, premium=answers.premium(application),
        via_onderwijs=onderwijs, for_self=for_self,
        vdab=sources.vdab.person(national_number),
        dimona=() if for_self or onderwijs else sources.rsz.dimona(enterprise_number, national_number),
        onderwijs=sources.onderwijs.employments(enterprise_number, national_number) if onderwijs else (),
    )


def run(application_id: int) -> str:
    """Check one dossier; idempotent: a dossier already judged (or not waiting) is left alone."""
    application = db.session.get(Application, application_id)
    if application is None or application.state != dossier_states.INGEDIEND or application.admissibility is not None \
            or application.kind in MANUAL_KINDS:
        return "not-needed"
    dossier = application.dossier
    try:
        facts = gather(application)
    except SourceUnavailable as unavailable:
        return _wait_for_source(application, dossier, unavailable)
    outcome = assess(facts, today())
    dossier.checks = [{"source": c.source, "ok": c.ok, "summary": c.summary} for c in outcome.checks]
    dossier.reasons = list(outcome.reasons)
    dossier.check_attempts += 1
    dossier.next_check_at = None
    dossier.waiting_for_vdab = outcome.waiting_for_vdab
    dossier.proposed_refusal = outcome.refusal_reason
    dossier.admissibility_on = today()
    if outcome.admissible:
        transition(application, "ontvankelijk_verklaren", dossier_states.SYSTEM,
                   reason="Automatische controle bij " + ", ".join(c.source.upper() for c in outcome.checks))
        if outcome.waiting_for_vdab:
            record(application, "wacht_op_vdab", dossier_states.SYSTEM, reason=outcome.checks[0].summary)
    else:
        transition(application, "niet_ontvankelijk_verklaren", dossier_states.SYSTEM, reason=" ".join(outcome.reasons))
    notices.admissibility(application)
    db.session.commit()
    return application.admissibility


def _wait_for_source(application, dossier, unavailable) -> str:
    attempt = dossier.check_attempts
    minutes = RETRY_MINUTES[min(attempt, len(RETRY_MINUTES) - 1)]
    dossier.check_attempts = attempt + 1
    dossier.next_check_at = now() + timedelta(minutes=minutes)
    if attempt == 0:  # one history line, not one per retry
        record(application, "bron_onbereikbaar", dossier_states.SYSTEM,
               reason=f"{unavailable.source.upper()} gaf geen antwoord; het dossier wacht en wordt opnieuw gecontroleerd.")
    db.session.commit()
    return "waiting"


def due_for_check() -> list[int]:
    """Dossiers whose retry is due, and submitted dossiers never checked (the job was lost)."""
    moment = now()
    rows = db.session.scalars(
        db.select(Dossier.application_id).join(Application)
        .where(Application.state == dossier_states.INGEDIEND, Application.admissibility.is_(None),
               Application.kind.not_in(MANUAL_KINDS))
        .where(db.or_(Dossier.next_check_at <= moment,
                      db.and_(Dossier.check_attempts == 0, Application.submitted_at <= moment - STALE_AFTER)))
    )
    return list(rows)
