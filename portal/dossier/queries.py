"""Finding dossiers: the applicant's (always scoped by the acting enterprise) and the staff queue."""

from dataclasses import dataclass
from datetime import date

from flask import abort
from sqlalchemy.orm import defer, joinedload, selectinload

from portal.clock import today
from portal.domain import admissibility as rules
from portal.domain import dossier as machine
from portal.extensions import db
from portal.models import Application, Document, Dossier, DossierEvent, InformationRequest


def deadline(application: Application) -> date | None:
    """The admissibility deadline, while admissibility is not decided yet."""
    dossier = application.dossier
    if dossier is None or application.admissibility is not None:
        return None
    return rules.admissibility_deadline(dossier.received_on, dossier.suspended_days, dossier.suspended_since, today())


def days_left(application: Application) -> int | None:
    due = deadline(application)
    return None if due is None else rules.days_left(due, today())


def status(application: Application) -> machine.Status:
    return machine.Status(application.state, application.admissibility)


def of_enterprise(enterprise_id: int) -> list[Application]:
    return list(db.session.scalars(
        db.select(Application).filter(Application.enterprise_id == enterprise_id, Application.state != "draft")
        .order_by(Application.submitted_at.desc())
    ))


def get_for_enterprise(enterprise_id: int, application_id: int) -> Application:
    """The enterprise's own dossier, or 404 (never another enterprise's, never a draft)."""
    application = db.session.scalar(db.select(Application).filter(
        Application.id == application_id, Application.enterprise_id == enterprise_id, Application.state != "draft"))
    if application is None or application.dossier is None:
        abort(404)
    return application


def get_for_staff(application_id: int) -> Application:
    application = db.session.get(Application, application_id)
    if application is None or application.dossier is None:
        abort(404)
    return application


def history(application: Application) -> list[DossierEvent]:
    return list(db.session.scalars(
        db.select(DossierEvent).filter_by(application_id=application.id).order_by(DossierEvent.at, DossierEvent.id)))


def requests(application: Application) -> list[InformationRequest]:
    return list(db.session.scalars(db.select(InformationRequest).filter_by(
        application_id=application.id, enterprise_id=application.enterprise_id).order_by(InformationRequest.id)))


def document(application: Application, document_id: int) -> Document:
    found = db.session.scalar(db.select(Document).filter_by(
        id=document_id, application_id=application.id, enterprise_id=application.enterprise_id))
    if found is None:
        abort(404)
    return found


DEADLINE_FILTERS = {"": "Alle", "verlopen": "Termijn verstreken", "2": "Nog 2 dagen of minder", "7": "Nog 7 dagen of minder"}


@dataclass(frozen=True)
class QueueRow:
    application: Application
    days_left: int | None
    label: str


def work_queue(measure: str = "", state: str = "", within: str = "") -> list[QueueRow]:
    """Submitted dossiers, open ones first by days left, filtered by measure, state and deadline."""
    # Each row shows its enterprise and its dossier's term: load them with the rows, not one query per
    # row, and leave out the JSON columns the queue does not show (they load if touched).
    query = db.select(Application).filter(Application.state != "draft").options(
        defer(Application.answers), joinedload(Application.enterprise),
        selectinload(Application.dossier).defer(Dossier.checks).defer(Dossier.reasons))
    if measure:
        query = query.filter(Application.measure == measure)
    if state == "niet_ontvankelijk":
        query = query.filter(Application.admissibility == machine.NIET_ONTVANKELIJK)
    elif state:
        query = query.filter(Application.state == state, db.or_(Application.admissibility.is_(None),
                                                               Application.admissibility != machine.NIET_ONTVANKELIJK))
    rows = []
    for application in db.session.scalars(query.order_by(Application.submitted_at)):
        left = days_left(application)
        if within == "verlopen" and (left is None or left >= 0):
            continue
        if within in ("2", "7") and (left is None or left > int(within)):
            continue
        rows.append(QueueRow(application, left, machine.label(status(application))))
    far = 10_000
    rows.sort(key=lambda row: (machine.is_final(status(row.application)), far if row.days_left is None else row.days_left))
    return rows
