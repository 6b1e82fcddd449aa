"""Drafts never submitted are not kept for ever: DRAFT_RETENTION_DAYS after their last change they
are removed with their uploads, DRAFT_REMINDER_DAYS after a reminder by e-mail to whoever started
them (and only then: a draft whose reminder could not be sent is kept). A change to the draft after
the reminder starts the term again. What the sweep removes is recorded in the audit trail, without
the employee's personal data."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app

from portal.clock import now
from portal.extensions import db
from portal.mail.outbox import queue_mail
from portal.models import Application, Document, UploadSession
from portal.services import audit
from portal.uploads import storage


@dataclass
class Swept:
    reminded: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)


def _terms() -> tuple[timedelta, timedelta]:
    config = current_app.config
    return timedelta(days=config["DRAFT_RETENTION_DAYS"]), timedelta(days=config["DRAFT_REMINDER_DAYS"])


def removal_date(draft: Application) -> datetime:
    return draft.updated_at + _terms()[0]


def sweep(moment: datetime | None = None) -> Swept:
    """Remind the drafts whose removal comes within the reminder term, and remove those reminded
    at least that long ago whose term has passed. Idempotent: run it as often as you like."""
    moment = moment or now()
    retention, notice = _terms()
    swept = Swept()
    drafts = db.session.scalars(db.select(Application).where(
        Application.state == "draft", Application.updated_at <= moment - retention + notice))
    for draft in list(drafts):
        reminded = draft.retention_reminded_at is not None and draft.retention_reminded_at >= draft.updated_at
        if not reminded:
            if _remind(draft, moment):
                swept.reminded.append(draft.id)
        elif draft.updated_at <= moment - retention and draft.retention_reminded_at <= moment - notice:
            swept.removed.append(draft.id)
            _remove(draft)
        db.session.commit()
    return swept


def _remind(draft: Application, moment: datetime) -> bool:
    recipient = draft.created_by.email or draft.answer("contact", "email")
    if not recipient:
        return False
    queue_mail(dedupe_key=f"concept:{draft.id}:bewaartermijn:{draft.updated_at:%Y%m%d%H%M%S}", recipient=recipient,
               template="concept_bewaartermijn", enterprise_id=draft.enterprise_id, draft=draft,
               name=draft.created_by.name, removal=max(removal_date(draft), moment + _terms()[1]))
    draft.retention_reminded_at = moment
    audit.record("concept_herinnerd", None, application_id=draft.id, enterprise_id=draft.enterprise_id,
                 detail=f"herinnering aan {recipient}")
    return True


def _remove(draft: Application) -> None:
    documents = list(db.session.scalars(db.select(Document).filter_by(application_id=draft.id)))
    uploads = list(db.session.scalars(db.select(UploadSession).filter_by(application_id=draft.id)))
    for document in documents:
        storage.remove(document.stored_name)
        db.session.delete(document)
    for upload in uploads:
        storage.backend().drop_partial(upload.id)
        db.session.delete(upload)
    audit.record("concept_verwijderd", None, application_id=draft.id, enterprise_id=draft.enterprise_id,
                 detail=(f"concept {draft.measure}, begonnen op {draft.created_at:%Y-%m-%d}, laatst gewijzigd op "
                         f"{draft.updated_at:%Y-%m-%d}, {len(documents)} document(en) en {len(uploads)} "
                         "onvoltooide upload(s) verwijderd"))
    db.session.flush()
    db.session.delete(draft)
