"""The werkondersteuningspakket of an individueel-maatwerk dossier's employee (seed 004): the package
VDAB set, a correction up to 8 weeks after hiring, and an evaluation request that the employee
co-signs through a single-use, expiring link before it reaches VDAB.

Only the SHA-256 of a signing token is stored; signing is one guarded UPDATE (not signed yet, not
expired, this very token), so a second use or a race finds nothing to update. A new link replaces
the hash, which makes the old link unknown."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import update

from portal.clock import now, today
from portal.domain import dossier_states, wop
from portal.domain.admissibility import VdabFacts
from portal.extensions import db
from portal.mail.links import public_url
from portal.mail.outbox import queue_mail
from portal.models import Application, WopRequest
from portal.services.dossiers import answers, notices
from portal.services.dossiers.transitions import record
from portal.sources import SourceUnavailable, get_sources
from portal.tokens import digest, new_token
from portal.uploads import checks, documents

CORRECTION, EVALUATION = "correctie", "evaluatie"
OUTCOMES = {"aangepast": "VDAB paste het werkondersteuningspakket aan",
            "ongewijzigd": "VDAB behield het werkondersteuningspakket",
            "doorstroom": "VDAB startte een doorstroomtraject",
            "geweigerd": "VDAB weigerde de aanvraag"}


class NotAllowed(Exception):
    """This request cannot be made for this dossier today; the message says why, in Dutch."""


class LinkRefused(Exception):
    """A signing link that is unknown (or replaced), already used, or expired: `reason` says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _facts(application: Application) -> VdabFacts | None:
    try:
        return get_sources().vdab.person(answers.employee_national_number(application))
    except SourceUnavailable:
        return None


def employee_package(application: Application) -> wop.EmployeePackage | None:
    facts = _facts(application)
    return facts.wop if facts else None


def package_code(application: Application) -> str | None:
    found = employee_package(application)
    return found.package.code if found else None


def hired_on(application: Application) -> date | None:
    """The start of the employment in DIMONA (the one running today, else the latest)."""
    try:
        periods = get_sources().rsz.dimona(application.enterprise.number, answers.employee_national_number(application))
    except SourceUnavailable:
        return None
    running = [p for p in periods if p.covers(today())] or list(periods)
    return max(p.start for p in running) if running else None


def concerns(application: Application) -> bool:
    """An individueel-maatwerk dossier of an employee (not one's own, not a linked request)."""
    return (application.measure == "im" and application.kind == "nieuw" and application.dossier is not None
            and application.state not in (dossier_states.GEWEIGERD,) and not answers.for_self(application))


def running(application: Application) -> bool:
    dossier = application.dossier
    return (application.state == dossier_states.GOEDGEKEURD and dossier.left_service_on is None
            and dossier.end is not None and today() <= dossier.end)


def of(application: Application) -> list[WopRequest]:
    return list(db.session.scalars(db.select(WopRequest).filter_by(
        application_id=application.id, enterprise_id=application.enterprise_id).order_by(WopRequest.id)))


def get(application: Application, request_id: int) -> WopRequest | None:
    return db.session.scalar(db.select(WopRequest).filter_by(
        id=request_id, application_id=application.id, enterprise_id=application.enterprise_id))


@dataclass(frozen=True)
class Overview:
    package: wop.EmployeePackage | None
    hired_on: date | None
    correction: wop.Window | None
    correction_problem: str | None
    evaluation_possible: bool  # a running grant: the form shows (the grounds are judged on it)
    third_year_from: date | None
    requests: list


def overview(application: Application) -> Overview | None:
    """What the dossier page shows of the package; None for a dossier it does not concern."""
    if not concerns(application):
        return None
    hired = hired_on(application)
    window = wop.correction_window(hired, today()) if hired else None
    problem = (wop.correction_problem(hired, today()) or _pending(application, CORRECTION)) if hired else None
    if problem and window is not None:
        window = wop.Window(window.opens_on, window.last_day, False)
    return Overview(employee_package(application), hired, window, problem, running(application),
                    wop.third_year_from(hired) if hired else None, of(application))


PENDING = {CORRECTION: "Voor deze werknemer loopt al een vraag tot correctie van het werkondersteuningspakket.",
           EVALUATION: "Voor deze werknemer loopt al een aanvraag tot evaluatie van het werkondersteuningspakket."}


def _pending(application: Application, kind: str) -> str | None:
    """One request of a kind at a time: why not, while one has no outcome from VDAB yet."""
    return PENDING[kind] if any(r.kind == kind and r.outcome is None for r in of(application)) else None


def _check_files(files) -> None:
    for _kind, name, content in files:
        checks.check(checks.clean_name(name), content)


def _store(application: Application, user, files) -> None:
    for kind, name, content in files:
        documents.store(application, kind, name, content, user)


def request_correction(application: Application, user, motivation: str, files) -> WopRequest:
    """Ask VDAB to correct the package, up to 8 weeks after hiring; raises NotAllowed or UploadRefused."""
    hired = hired_on(application) if concerns(application) else None
    if hired is None:
        raise NotAllowed("Er is geen tewerkstelling in DIMONA gekend voor deze werknemer.")
    problem = wop.correction_problem(hired, today()) or _pending(application, CORRECTION)
    if problem:
        raise NotAllowed(problem)
    _check_files(files)
    row = WopRequest(application_id=application.id, enterprise_id=application.enterprise_id, kind=CORRECTION,
                     motivation=motivation, package=package_code(application), created_by_id=user.id,
                     created_at=now(), sent_to_vdab_at=now(), document_names=[checks.clean_name(name) for _kind, name, _content in files])
    db.session.add(row)
    record(application, "wop_correctie", dossier_states.APPLICANT, user, motivation)
    db.session.commit()
    _store(application, user, files)
    return row


def evaluation_problem(application: Application, reason: str) -> str | None:
    if not (concerns(application) and running(application)):
        return "Een evaluatie van het werkondersteuningspakket kan voor een lopende premie individueel maatwerk."
    if _pending(application, EVALUATION):
        return _pending(application, EVALUATION)
    hired = hired_on(application)
    if hired is None:
        return "Er is geen tewerkstelling in DIMONA gekend voor deze werknemer."
    return wop.evaluation_problem(reason, hired, today())


def request_evaluation(application: Application, user, reason: str, motivation: str, pop_on: date,
                       employee_email: str, files) -> WopRequest:
    """File the evaluation and mail the employee the link to co-sign it; raises NotAllowed (for the
    ground or the POP) or UploadRefused."""
    problem = evaluation_problem(application, reason) or wop.pop_problem(pop_on, today())
    if problem:
        raise NotAllowed(problem)
    _check_files(files)
    row = WopRequest(application_id=application.id, enterprise_id=application.enterprise_id, kind=EVALUATION,
                     reason=reason, motivation=motivation, package=package_code(application), pop_on=pop_on,
                     employee_email=employee_email, created_by_id=user.id, created_at=now(),
                     document_names=[checks.clean_name(name) for _kind, name, _content in files])
    db.session.add(row)
    db.session.flush()
    send_link(application, row)
    record(application, "wop_evaluatie", dossier_states.APPLICANT, user,
           f"{wop.REASONS[reason]}. Wacht op de handtekening van de werknemer.")
    db.session.commit()
    _store(application, user, files)
    return row


def send_link(application: Application, row: WopRequest) -> None:
    """(The caller commits.) A new single-use link (the previous one stops working) to the employee, through the outbox."""
    token = new_token()
    row.token_hash = digest(token)
    row.token_expires_at = now() + timedelta(days=current_app.config["WOP_SIGN_LINK_DAYS"])
    row.links_sent = (row.links_sent or 0) + 1
    queue_mail(dedupe_key=f"wop:{row.id}:link:{row.links_sent}", recipient=row.employee_email,
               template="wop_ondertekenen", enterprise_id=application.enterprise_id, application=application,
               request=row, employer=application.enterprise.name, reason=wop.REASONS[row.reason],
               link=public_url("signing.sign", token=token), expires=row.token_expires_at)


def resend(application: Application, request_id: int, user) -> WopRequest:
    row = get(application, request_id)
    if row is None or row.kind != EVALUATION or row.signed_at is not None:
        raise NotAllowed("Deze aanvraag wacht niet (meer) op de handtekening van de werknemer.")
    send_link(application, row)
    record(application, "wop_link_opnieuw", dossier_states.APPLICANT, user,
           f"Nieuwe link naar {row.employee_email}; de vorige link werkt niet meer.")
    db.session.commit()
    return row


def by_token(token: str) -> WopRequest:
    """The request a signing link opens; LinkRefused ("onbekend", "gebruikt", "verlopen") otherwise."""
    row = db.session.scalar(db.select(WopRequest).filter_by(token_hash=digest(token)))
    if row is None:
        raise LinkRefused("onbekend")
    if row.signed_at is not None:
        raise LinkRefused("gebruikt")
    if row.token_expires_at <= now():
        raise LinkRefused("verlopen")
    return row


def sign(token: str, name: str) -> WopRequest:
    """The employee signs: once, before the link expires; the request then goes to VDAB."""
    at = now()
    result = db.session.execute(
        update(WopRequest)
        .where(WopRequest.token_hash == digest(token), WopRequest.signed_at.is_(None),
               WopRequest.token_expires_at > at)
        .values(signed_at=at, signed_name=name, sent_to_vdab_at=at)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.rollback()
        by_token(token)  # raises with the reason
        raise LinkRefused("gebruikt")
    row = db.session.scalar(db.select(WopRequest).filter_by(token_hash=digest(token)))
    db.session.refresh(row)
    application = db.session.get(Application, row.application_id)
    record(application, "wop_ondertekend", dossier_states.SYSTEM, None,
           f"Ondertekend door de werknemer ({name}); de aanvraag is naar VDAB verstuurd.")
    notices.wop_signed(application, row)
    db.session.commit()
    return row


def record_outcome(row: WopRequest, staff, outcome: str, talk_on: date | None, letter_on: date | None) -> None:
    """What VDAB did (recorded by staff): the workplace talk, the decision and its registered letter."""
    row.outcome, row.talk_on, row.letter_on = outcome, talk_on, letter_on
    application = db.session.get(Application, row.application_id)
    record(application, "wop_uitkomst", dossier_states.STAFF, staff, OUTCOMES[outcome])
    db.session.commit()
