"""Messages staff send to many applicants at once.

The web request only records the message (with the token of the preview the staff member
confirmed); an RQ job writes one outbox row per recipient, each with its own key
`bulk:<message>:<address hash>`, in batches. A job that dies halfway is retried, or found by the
periodic sweep, and skips the rows that exist: nobody is mailed twice, nobody is forgotten.
"""

from datetime import timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from portal.clock import now, today
from portal.domain import dossier_states
from portal.domain.campaigns import Contact, Recipient, address_key, by_address, in_audience
from portal.extensions import db
from portal.mail.outbox import queue_mail
from portal.models import Application, BulkMessage, OutboxMessage
from portal.models.campaigns import AANGEMAAKT, GEPLAND
from portal.queue import enqueue_after_commit
from portal.services.dossiers import answers

BATCH = 100
STALE_AFTER = timedelta(minutes=10)


def contacts(measure: str, audience: str) -> list[Contact]:
    """Every dossier in the audience, oldest first, with the contact person its own e-mails reach."""
    query = (db.select(Application).filter(Application.state != "draft")
             .options(selectinload(Application.dossier), selectinload(Application.created_by),
                      selectinload(Application.enterprise))
             .order_by(Application.submitted_at, Application.id))
    if measure:
        query = query.filter(Application.measure == measure)
    on = today()
    chosen = [a for a in db.session.scalars(query) if a.dossier is not None and in_audience(
        audience, dossier_states.Status(a.state, a.admissibility), a.dossier.end, on)]
    return answers.contacts(chosen)


def recipients(measure: str, audience: str) -> list[Recipient]:
    return by_address(contacts(measure, audience))


def find(token: str) -> BulkMessage | None:
    return db.session.scalar(db.select(BulkMessage).filter_by(request_token=token))


def create(*, subject: str, body: str, measure: str, audience: str, token: str, user) -> tuple[BulkMessage, bool]:
    """Record the message and enqueue its job after commit. (message, False) when this confirmed
    preview was already sent: a double click or a resent form never sends twice."""
    existing = find(token)
    if existing is not None:
        return existing, False
    message = BulkMessage(subject=subject, body=body, measure=measure, audience=audience, request_token=token,
                          created_by_id=user.id, created_at=now())
    db.session.add(message)
    try:
        db.session.flush()
        enqueue_after_commit(db.session, "campaign", message.id)
        db.session.commit()
    except IntegrityError:  # the same token, committed by a concurrent request
        db.session.rollback()
        return find(token), False
    return message, True


def fan_out(message_id: int) -> int:
    """Write the outbox row of every recipient not written yet; returns how many exist in all."""
    message = db.session.get(BulkMessage, message_id)
    if message is None or message.status == AANGEMAAKT:
        return 0
    for n, recipient in enumerate(recipients(message.measure, message.audience), 1):
        queue_mail(dedupe_key=message.dedupe_prefix + address_key(recipient.email), recipient=recipient.email, template="bulk_bericht",
                   enterprise_id=recipient.enterprise_id, bulk=message, contact=recipient.name,
                   numbers=recipient.numbers)
        if n % BATCH == 0:
            db.session.commit()  # each batch is delivered while the next one is written
    message.recipients = sum(progress(message).values())
    message.status, message.fanned_out_at = AANGEMAAKT, now()
    db.session.commit()
    return message.recipients


def progress(message: BulkMessage) -> dict[str, int]:
    """How many of its e-mails are created, sending, sent or failed."""
    rows = db.session.execute(
        db.select(OutboxMessage.status, db.func.count()).filter(OutboxMessage.dedupe_key.startswith(
            message.dedupe_prefix, autoescape=True)).group_by(OutboxMessage.status))
    return {status: count for status, count in rows}


def stale() -> list[int]:
    """Messages whose job was lost (Redis down at commit, worker killed): still planned after a while."""
    return list(db.session.scalars(db.select(BulkMessage.id).filter(
        BulkMessage.status == GEPLAND, BulkMessage.created_at < now() - STALE_AFTER)))


def listing(limit: int = 50) -> list[tuple[BulkMessage, dict[str, int]]]:
    messages = db.session.scalars(db.select(BulkMessage).order_by(BulkMessage.id.desc()).limit(limit))
    return [(m, progress(m)) for m in messages]
