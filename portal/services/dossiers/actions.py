"""What staff and applicants do with a dossier. Each function changes the dossier through the state
machine, records who/when/why, queues the e-mails in the same transaction and commits."""

from datetime import date

from portal.clock import now, today
from portal.domain import decisions, dossier_states
from portal.domain.changes import end_after_leaving
from portal.extensions import db
from portal.models import Application, InformationRequest
from portal.services.dossiers import answers, decision_terms, evaluations, linked, notices, wop_requests
from portal.services.dossiers.transitions import record, status_of, transition
from portal.sources import SourceUnavailable, get_sources
from portal.uploads import checks, documents


def ask_information(application: Application, staff, question: str) -> InformationRequest:
    """The applicant gets an e-mail; the 7-day term stands still until the answer (seed 001)."""
    transition(application, "informatie_vragen", dossier_states.STAFF, staff, question)
    request = InformationRequest(application_id=application.id, enterprise_id=application.enterprise_id,
                                 question=question, asked_by_id=staff.id, asked_at=now())
    db.session.add(request)
    db.session.flush()
    dossier = application.dossier
    if application.admissibility is None and dossier.suspended_since is None:
        dossier.suspended_since = today()
    notices.information_requested(application, request)
    db.session.commit()
    return request


def open_request(application: Application) -> InformationRequest | None:
    return db.session.scalar(
        db.select(InformationRequest)
        .filter_by(application_id=application.id, enterprise_id=application.enterprise_id, answered_at=None)
        .order_by(InformationRequest.id.desc())
    )


def may_answer(application: Application) -> bool:
    return dossier_states.may(status_of(application), "informatie_bezorgen", dossier_states.APPLICANT)


def answer_information(application: Application, user, answer: str, files: list[tuple[str, bytes]]) -> None:
    """Store the documents (checked by the wizard's upload checks), record the answer, resume the clock.

    Raises portal.uploads.checks.UploadRefused for a refused file, before anything is recorded."""
    if not may_answer(application):
        raise dossier_states.TransitionNotAllowed("Er wordt geen informatie gevraagd.")
    for name, content in files:  # check everything first: all files or none
        checks.check(checks.clean_name(name), content)
    for name, content in files:
        documents.store(application, "aanvulling", name, content, user)
    request = open_request(application)
    if request is not None:
        request.answer, request.answered_by_id, request.answered_at = answer, user.id, now()
    dossier = application.dossier
    if dossier.suspended_since is not None:
        dossier.suspended_days += (today() - dossier.suspended_since).days
        dossier.suspended_since = None
    names = ", ".join(name for name, _ in files)
    transition(application, "informatie_bezorgen", dossier_states.APPLICANT, user,
               answer + (f"\nDocumenten: {names}" if names else ""))
    db.session.commit()


def declare_admissible(application: Application, staff, reason: str | None) -> None:
    application.dossier.admissibility_on = today()
    application.dossier.suspended_since = None
    transition(application, "ontvankelijk_verklaren", dossier_states.STAFF, staff, reason or None)
    notices.admissibility(application)
    db.session.commit()


def declare_inadmissible(application: Application, staff, reasons: str) -> None:
    dossier = application.dossier
    dossier.admissibility_on = today()
    dossier.suspended_since = None
    dossier.reasons = [line.strip() for line in reasons.splitlines() if line.strip()]
    transition(application, "niet_ontvankelijk_verklaren", dossier_states.STAFF, staff, reasons)
    notices.admissibility(application)
    db.session.commit()


def approve(application: Application, staff, percentage: int, begin: date, end: date, motivation: str | None) -> None:
    dossier = application.dossier
    if dossier.left_service_on is not None:  # the employee left before the decision
        end = end_after_leaving(dossier.left_service_on, end)
    dossier.percentage, dossier.begin, dossier.end = percentage, begin, end
    if application.measure == "im":  # the package the percentage and guidance come from (seed 004)
        dossier.wop_package = wop_requests.package_code(application)
    dossier.decided_on, dossier.decision_text = today(), motivation or None
    transition(application, "goedkeuren", dossier_states.STAFF, staff,
               f"{percentage}% van {begin:%d/%m/%Y} tot {end:%d/%m/%Y}" + (f". {motivation}" if motivation else ""))
    if decision_terms.is_evaluation_request(application):
        evaluations.decided(application, staff)
    notices.decision(application)
    db.session.commit()


def may_record_vdab_evaluation(application: Application) -> bool:
    """An evaluation request not decided yet: staff can record the day VDAB evaluated."""
    return decision_terms.is_evaluation_request(application) and linked.is_open(application)


def record_vdab_evaluation(application: Application, staff, day: date) -> None:
    """Staff record the day VDAB evaluated the need for this evaluation request (VDAB tells the
    department; the portal cannot ask it). Approved, the dossier keeps it as VDAB's last evaluation
    (the 2 years before the next evaluation of the height count from it); the 120 days to decide
    still count from receipt (seed 003). Raises NotAllowed once the request is decided or closed."""
    if not may_record_vdab_evaluation(application):
        raise evaluations.NotAllowed("vdab_evaluatie")
    application.dossier.vdab_evaluated_on = day
    record(application, "vdab_evaluatie", dossier_states.STAFF, staff, f"VDAB evalueerde op {day:%d/%m/%Y}.")
    db.session.commit()


def refuse(application: Application, staff, reasons: str) -> None:
    dossier = application.dossier
    dossier.decided_on, dossier.decision_text = today(), reasons
    transition(application, "weigeren", dossier_states.STAFF, staff, reasons)
    notices.decision(application)
    db.session.commit()


def running_grant_end(application: Application) -> date | None:
    """A VOP extension or an evaluation: the last day of the grant it extends, as recorded when filed."""
    raw = application.answer("soort", "grant_end") or application.answer("evaluatie", "grant_end")
    return date.fromisoformat(raw) if raw else None


def proposal(application: Application) -> decisions.Terms:
    """The percentage and dates the rules propose for an approval today, and what they allow; staff
    may change the proposal within those limits."""
    try:
        facts = get_sources().vdab.person(answers.employee_national_number(application))
    except SourceUnavailable:
        facts = None
    years = facts.need_years if facts else None
    package = facts.wop.package if facts and facts.wop else None
    return decisions.terms(application.measure, application.kind, application.applied_on, today(),
                           years, package, running_grant_end(application), evaluations.kind_of(application))
