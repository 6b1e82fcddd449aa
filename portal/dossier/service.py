"""Dossier services. `submit` is what the wizard calls when the applicant submits."""

import logging

from redis.exceptions import RedisError
from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.clock import now
from portal.domain import dossier as machine
from portal.dossier import notices
from portal.dossier.transitions import record
from portal.extensions import db
from portal.models import Application, Dossier

log = logging.getLogger(__name__)
PENDING_CHECKS = "loket_admissibility_pending"


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
                           received_on=application.submitted_at.date(), checks=[], reasons=[]))
    db.session.flush()
    record(application, "ingediend", machine.APPLICANT, user)
    notices.confirmation(application)
    schedule_check(application.id)
    db.session.commit()
    return application


def schedule_check(application_id: int) -> None:
    """Enqueue the admissibility check once the current transaction commits."""
    db.session.info.setdefault(PENDING_CHECKS, []).append(application_id)


@event.listens_for(Session, "after_commit")
def _enqueue_checks(session):
    ids = session.info.pop(PENDING_CHECKS, None)
    if not ids:
        return
    from jobs import admissibility as jobs
    from portal.queue import get_queue

    try:
        queue = get_queue()
        for application_id in ids:
            jobs.enqueue(queue, application_id)
    except RedisError:
        log.warning("Redis niet bereikbaar: de sweep controleert %s dossier(s) later", len(ids))


@event.listens_for(Session, "after_rollback")
def _forget_checks(session):
    session.info.pop(PENDING_CHECKS, None)
