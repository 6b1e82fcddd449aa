"""Dossier services. `submit` is what the wizard calls when the applicant submits."""

from portal.clock import now
from portal.domain import dossier as machine
from portal.dossier import answers, notices
from portal.dossier.transitions import record
from portal.extensions import db
from portal.models import Application, Dossier
from portal.queue import enqueue_after_commit


def application_number(application: Application) -> str:
    """IM-2026-000042: measure, year of submission, id."""
    return f"{application.measure.upper()}-{application.submitted_at.year}-{application.id:06d}"


def submit(application: Application, user) -> Application:
    """Turn a complete draft into a submitted dossier (state "ingediend"), queue the confirmation
    e-mail in the same transaction, commit, and enqueue the admissibility check after the commit."""
    if not application.is_draft:
        raise ValueError("Deze aanvraag is al ingediend.")
    application.state = machine.INGEDIEND
    application.submitted_at = now()
    application.updated_at = application.submitted_at
    application.number = application_number(application)
    db.session.add(Dossier(application_id=application.id, enterprise_id=application.enterprise_id,
                           received_on=answers.applied_on(application), checks=[], reasons=[]))
    db.session.flush()
    record(application, "ingediend", machine.APPLICANT, user)
    notices.confirmation(application)
    schedule_check(application.id)
    db.session.commit()
    return application


def schedule_check(application_id: int) -> None:
    """Enqueue the admissibility check once the current transaction commits."""
    enqueue_after_commit(db.session, "jobs.admissibility", application_id)
