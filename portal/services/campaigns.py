"""Messages staff send to many applicants at once.

The web request only records the message (with the token of the preview the staff member
confirmed); an RQ job writes one outbox row per recipient, each with its own key
`bulk:<message>:<address hash>`, in batches. A job that dies halfway is retried, or found by the
periodic sweep, and skips the rows that exist: nobody is mailed twice, nobody is forgotten.
"""

import json
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from portal.clock import now, today
from portal.domain import dossier_states
from portal.domain.campaigns import (
    PROVINCES,
    Contact,
    Filters,
    Recipient,
    address_key,
    by_address,
    in_audience,
    merge,
    province_of,
)
from portal.extensions import db
from portal.mail.outbox import queue_mail
from portal.models import Application, BulkMessage, Enterprise, OutboxMessage
from portal.models.campaigns import AANGEMAAKT, GEPLAND
from portal.models.outbox import OPEN
from portal.queue import enqueue_after_commit
from portal.services.dossiers import answers

BATCH = 100
STALE_AFTER = timedelta(minutes=10)


def contacts(measure: str, audience: str, filters: Filters = Filters()) -> list[Contact]:
    """Every dossier in the audience and the filters, oldest first, with the contact person its
    own e-mails reach."""
    query = (db.select(Application).filter(Application.state != "draft")
             .options(selectinload(Application.dossier), selectinload(Application.created_by),
                      selectinload(Application.establishment),
                      selectinload(Application.enterprise).selectinload(Enterprise.establishments))
             .order_by(Application.submitted_at, Application.id))
    if measure:
        query = query.filter(Application.measure == measure)
    if filters.enterprise_id:
        query = query.filter(Application.enterprise_id == filters.enterprise_id)
    on = today()
    chosen = [a for a in db.session.scalars(query) if a.dossier is not None and in_audience(
        audience, dossier_states.Status(a.state, a.admissibility), a.dossier.end, on) and filters.matches(
        begin=a.dossier.begin, end=a.dossier.end, enterprise_id=a.enterprise_id, province=_province(a))]
    return answers.contacts(chosen)


def _province(application: Application) -> str | None:
    """Where the dossier's establishment is: the application's, else the enterprise's first."""
    establishment = application.establishment or next(iter(application.enterprise.establishments), None)
    return province_of(establishment.address if establishment else None)


def recipients(measure: str, audience: str, filters: Filters = Filters()) -> list[Recipient]:
    return by_address(contacts(measure, audience, filters))


def filters_of(message: BulkMessage) -> Filters:
    return Filters.from_json(json.loads(message.filters or "{}"))


def find(token: str) -> BulkMessage | None:
    return db.session.scalar(db.select(BulkMessage).filter_by(request_token=token))


def create(*, subject: str, body: str, measure: str, audience: str, token: str, user,
           filters: Filters = Filters(), send_at: datetime | None = None) -> tuple[BulkMessage, bool]:
    """Record the message and enqueue its job after commit (a planned one: the sweep enqueues it
    when its moment has come). (message, False) when this confirmed preview was already sent: a
    double click or a resent form never sends twice."""
    existing = find(token)
    if existing is not None:
        return existing, False
    message = BulkMessage(subject=subject, body=body, measure=measure, audience=audience, request_token=token,
                          filters=json.dumps(filters.as_json()), send_at=send_at, created_by_id=user.id,
                          created_at=now())
    db.session.add(message)
    try:
        db.session.flush()
        if send_at is None or send_at <= now():
            enqueue_after_commit(db.session, "campaign", message.id)
        db.session.commit()
    except IntegrityError:  # the same token, committed by a concurrent request
        db.session.rollback()
        return find(token), False
    return message, True


def fan_out(message_id: int) -> int:
    """Write the outbox row of every recipient not written yet; returns how many exist in all."""
    message = db.session.get(BulkMessage, message_id)
    if message is None or message.status == AANGEMAAKT or message.cancelled_at:
        return 0
    if message.send_at is not None and message.send_at > now():
        return 0  # planned: the sweep enqueues it again when its moment has come
    for n, recipient in enumerate(recipients(message.measure, message.audience, filters_of(message)), 1):
        queue_mail(dedupe_key=message.dedupe_prefix + address_key(recipient.email), recipient=recipient.email,
                   template="bulk_bericht", enterprise_id=recipient.enterprise_id, campaign_id=message.id,
                   status="paused" if message.paused_at else "created",
                   bulk=message, subject_text=merge(message.subject, recipient),
                   body=merge(message.body, recipient), contact=recipient.name,
                   numbers=recipient.numbers)
        if n % BATCH == 0:
            db.session.commit()  # each batch is delivered while the next one is written
    message.recipients = sum(progress(message).values())
    message.status, message.fanned_out_at = AANGEMAAKT, now()
    db.session.commit()
    return message.recipients


def progress(message: BulkMessage) -> dict[str, int]:
    """How many of its e-mails are created, sending, sent, failed, paused or cancelled."""
    return counts([message.id]).get(message.id, {})


def counts(campaign_ids: list[int]) -> dict[int, dict[str, int]]:
    """The delivery counts of many campaigns, in one query."""
    found: dict[int, dict[str, int]] = {campaign_id: {} for campaign_id in campaign_ids}
    if campaign_ids:
        rows = db.session.execute(
            db.select(OutboxMessage.campaign_id, OutboxMessage.status, db.func.count())
            .filter(OutboxMessage.campaign_id.in_(campaign_ids))
            .group_by(OutboxMessage.campaign_id, OutboxMessage.status))
        for campaign_id, status, count in rows:
            found[campaign_id][status] = count
    return found


def list_counts(messages: list[BulkMessage]) -> dict[int, dict[str, int]]:
    """The counts of `counts`, without reading every e-mail of every campaign (that grew with the
    number of dossiers): the rows still on their way or refused come from their partial index, the
    cancelled ones from the campaign, and the sent ones are the rest of its total. A written
    campaign's rows are fixed in number (`recipients`); one still being written shows no figures,
    so its sent ones are left out."""
    found = _open_and_cancelled([m.id for m in messages])
    for message in messages:
        if message.status == AANGEMAAKT:
            sent = (message.recipients or 0) - sum(found[message.id].values())
            if sent:
                found[message.id]["sent"] = sent
    return found


def _open_and_cancelled(campaign_ids: list[int]) -> dict[int, dict[str, int]]:
    """The open rows of these campaigns by status, and their cancelled ones, in one statement: a
    cancel committed between two statements would otherwise count its rows twice or not at all."""
    found: dict[int, dict[str, int]] = {campaign_id: {} for campaign_id in campaign_ids}
    if campaign_ids:
        open_rows = (db.select(OutboxMessage.campaign_id, OutboxMessage.status, db.func.count())
                     .filter(OutboxMessage.campaign_id.in_(campaign_ids), OutboxMessage.campaign_id.is_not(None),
                             OutboxMessage.status.in_(OPEN))  # the terms of the partial index
                     .group_by(OutboxMessage.campaign_id, OutboxMessage.status))
        cancelled = (db.select(BulkMessage.id, db.literal("cancelled", db.String), BulkMessage.cancelled_count)
                     .filter(BulkMessage.id.in_(campaign_ids), BulkMessage.cancelled_count > 0))
        for campaign_id, status, count in db.session.execute(db.union_all(open_rows, cancelled)):
            found[campaign_id][status] = count
    return found


def stale() -> list[int]:
    """Messages to write now: planned ones whose moment has come, and those whose job was lost
    (Redis down at commit, worker killed): still not written a while after their moment."""
    moment = db.func.coalesce(BulkMessage.send_at, BulkMessage.created_at)
    return list(db.session.scalars(db.select(BulkMessage.id).filter(
        BulkMessage.status == GEPLAND, BulkMessage.cancelled_at.is_(None),
        db.or_(db.and_(BulkMessage.send_at.is_not(None), BulkMessage.send_at <= now()),
               moment < now() - STALE_AFTER)).order_by(BulkMessage.id)))


def listing(limit: int = 50) -> list[tuple[BulkMessage, dict[str, int]]]:
    messages = db.session.scalars(db.select(BulkMessage).options(selectinload(BulkMessage.created_by))
                                  .order_by(BulkMessage.id.desc()).limit(limit)).all()
    found = list_counts(messages)
    return [(m, found[m.id]) for m in messages]


def judge(campaign_ids) -> list[int]:
    """Pause every campaign among these whose share of refused messages passed the threshold
    (CAMPAIGN_MAX_FAILURE_RATE, judged once CAMPAIGN_FAILURE_MIN_SAMPLE were answered): a wrong
    list or a provider that blocks us should not burn through every address. Returns the paused."""
    from flask import current_app

    config = current_app.config
    paused = []
    for campaign_id, found in counts(sorted(campaign_ids)).items():
        sent, failed = found.get("sent", 0), found.get("failed", 0)
        answered = sent + failed
        if answered < config["CAMPAIGN_FAILURE_MIN_SAMPLE"] or failed / answered <= config["CAMPAIGN_MAX_FAILURE_RATE"]:
            continue
        message = db.session.get(BulkMessage, campaign_id)
        if message.paused_at or message.cancelled_at:
            continue
        pause(message, f"Automatisch gepauzeerd: {failed} van de {answered} e-mails werden geweigerd "
                       f"({failed / answered:.0%}, meer dan {config['CAMPAIGN_MAX_FAILURE_RATE']:.0%}). "
                       "Bekijk de fouten voor u het bericht hervat.")
        paused.append(campaign_id)
    return paused


def _move(message: BulkMessage, source: tuple[str, ...], target: str, **values) -> int:
    return db.session.execute(
        db.update(OutboxMessage).where(OutboxMessage.campaign_id == message.id, OutboxMessage.status.in_(source))
        .values(status=target, updated_at=now(), **values).execution_options(synchronize_session=False)).rowcount


def pause(message: BulkMessage, reason: str | None = None) -> int:
    """Hold every e-mail not sent yet; those being sent at this moment still leave."""
    message.paused_at, message.paused_reason = now(), reason
    held = _move(message, ("created",), "paused")
    db.session.commit()
    return held


def resume(message: BulkMessage) -> int:
    message.paused_at = message.paused_reason = None
    released = _move(message, ("paused",), "created", next_attempt_at=None)
    if released:
        enqueue_after_commit(db.session, "mail", "campaign")
    db.session.commit()
    return released


def cancel(message: BulkMessage) -> int:
    """Nothing more of this message leaves; what was sent stays sent."""
    message.cancelled_at, message.paused_at, message.paused_reason = now(), None, None
    cancelled = _move(message, ("created", "paused"), "cancelled")
    # In SQL, not in Python: a concurrent cancel of the same message adds what it moved (nothing).
    message.cancelled_count = BulkMessage.cancelled_count + cancelled
    db.session.commit()
    return cancelled


def retry_failed(message: BulkMessage) -> int:
    """Send the refused ones once more (after staff corrected the cause)."""
    retried = _move(message, ("failed",), "paused" if message.paused_at else "created",
                    attempts=0, next_attempt_at=None, last_error=None)
    if retried and not message.paused_at:
        enqueue_after_commit(db.session, "mail", "campaign")
    db.session.commit()
    return retried


def state(message: BulkMessage, found: dict[str, int]) -> str:
    """Where the message stands, in the words staff read: gepland, wordt voorbereid, bezig,
    gepauzeerd, geannuleerd or klaar."""
    if message.cancelled_at:
        return "geannuleerd"
    if message.paused_at:
        return "gepauzeerd"
    if message.status == GEPLAND:
        return "gepland" if message.send_at and message.send_at > now() else "wordt voorbereid"
    if found.get("created") or found.get("sending"):
        return "bezig"
    return "klaar"


def allowed_actions(message: BulkMessage, found: dict[str, int]) -> list[str]:
    current = state(message, found)
    allowed = {
        "gepland": ["annuleren"],
        "wordt voorbereid": ["pauzeren", "annuleren"],
        "bezig": ["pauzeren", "annuleren"],
        "gepauzeerd": ["hervatten", "annuleren"],
        "klaar": [],
        "geannuleerd": [],
    }[current]
    if found.get("failed") and current != "geannuleerd":
        allowed.append("opnieuw")
    return allowed


def describe_filters(message: BulkMessage) -> list[str]:
    """The filters of a message in words, for its page."""
    filters, words = filters_of(message), []
    for label, start, stop in (("Premie begint", filters.begin_from, filters.begin_to),
                               ("Einddatum", filters.end_from, filters.end_to)):
        if start or stop:
            words.append(f"{label} {'vanaf ' + start.strftime('%d/%m/%Y') if start else ''}"
                         f"{' ' if start and stop else ''}{'tot en met ' + stop.strftime('%d/%m/%Y') if stop else ''}")
    if filters.enterprise_id:
        enterprise = db.session.get(Enterprise, filters.enterprise_id)
        words.append(f"Alleen {enterprise.name}" if enterprise else "Eén onderneming")
    if filters.province:
        words.append(f"Provincie: {PROVINCES.get(filters.province, filters.province)}")
    return words
