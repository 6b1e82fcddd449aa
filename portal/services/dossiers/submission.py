"""Submission: a complete draft becomes a dossier. `submit_draft` is what the wizard calls."""

from portal.clock import now
from portal.domain import dossier_states
from portal.extensions import db
from portal.models import Application, Dossier
from portal.queue import enqueue_after_commit
from portal.services.dossiers import notices
from portal.services.dossiers.transitions import record


def application_number(application: Application) -> str:
    """IM-2026-000042: measure, year of submission, id."""
    return f"{application.measure.upper()}-{application.submitted_at.year}-{application.id:06d}"


def submit_draft(application: Application, user) -> Application:
    """Submit a complete draft. The first application sets the enterprise's bank account."""
    iban = application.answer("rekening", "iban")
    enterprise = application.enterprise
    if iban and not enterprise.iban:
        enterprise.iban = iban
        enterprise.bank_name = application.answer("rekening", "bank_name")
    return submit(application, user)


class AlreadySubmitted(Exception):
    """Another request submitted this draft first (a double click, a second browser)."""


def submit(application: Application, user, check: bool = True) -> Application:
    """Turn a complete draft into a submitted dossier (state "ingediend"), queue the confirmation
    e-mail in the same transaction, commit, and enqueue the admissibility check after the commit
    (not for a request about an existing dossier, which staff judge: `check=False`).

    The draft is claimed with a guarded UPDATE (… WHERE state = 'draft'): of two requests that
    submit it at the same moment, the second waits for the first and then finds nothing to claim,
    so there is one dossier and one confirmation, and the second request gets AlreadySubmitted."""
    moment = now()
    claimed = db.session.execute(
        db.update(Application).where(Application.id == application.id, Application.state == "draft")
        .values(state=dossier_states.INGEDIEND, submitted_at=moment, updated_at=moment)
        .execution_options(synchronize_session=False)).rowcount
    if not claimed:
        db.session.rollback()
        raise AlreadySubmitted("Deze aanvraag is al ingediend.")
    application.state, application.submitted_at, application.updated_at = dossier_states.INGEDIEND, moment, moment
    application.number = application_number(application)
    db.session.add(Dossier(application_id=application.id, enterprise_id=application.enterprise_id,
                           received_on=application.applied_on, checks=[], reasons=[]))
    db.session.flush()
    record(application, "ingediend", dossier_states.APPLICANT, user)
    notices.confirmation(application)
    if check:
        schedule_check(application.id)
    db.session.commit()
    return application


def schedule_check(application_id: int) -> None:
    """Enqueue the admissibility check once the current transaction commits."""
    enqueue_after_commit(db.session, "admissibility", application_id)
