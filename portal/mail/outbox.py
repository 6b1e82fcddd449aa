"""Put a message in the outbox; it is enqueued for delivery once the transaction commits.

A message is a row with a unique dedupe key (subject, kind, occasion), so the same occasion can
never produce two e-mails, whatever retries or second workers do.
"""

import logging
import uuid
from email.utils import make_msgid

from flask import render_template
from redis.exceptions import RedisError
from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.extensions import db
from portal.models import OutboxMessage

log = logging.getLogger(__name__)
PENDING = "loket_outbox_pending"


def init_app(app):
    app.extensions["loket_outbox"] = True


def queue_mail(*, dedupe_key: str, recipient: str, template: str, enterprise_id: int | None = None, **context):
    """Add a message, rendered from templates/mail/<template>.{txt,html}, unless the key exists.

    Returns the message, or None when this occasion already has one. The caller commits.
    """
    existing = db.session.scalar(db.select(OutboxMessage).filter_by(dedupe_key=dedupe_key))
    if existing is not None:
        return None
    subject = render_template(f"mail/{template}.subject.txt", **context).strip()
    message = OutboxMessage(
        dedupe_key=dedupe_key,
        enterprise_id=enterprise_id,
        recipient=recipient,
        subject=subject,
        body_text=render_template(f"mail/{template}.txt", subject=subject, **context),
        body_html=render_template(f"mail/{template}.html", subject=subject, **context),
        message_id=make_msgid(idstring=uuid.uuid4().hex[:12], domain="loket.vlaanderen.test"),
    )
    db.session.add(message)
    db.session.flush()
    db.session.info.setdefault(PENDING, []).append(message.id)
    return message


@event.listens_for(Session, "after_commit")
def _enqueue_after_commit(session):
    ids = session.info.pop(PENDING, None)
    if ids:
        enqueue_delivery(ids)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session):
    session.info.pop(PENDING, None)


def enqueue_delivery(ids):
    """Enqueue one delivery job per message; if Redis is down, the sweeper finds the rows later."""
    from jobs import mail as mail_jobs
    from portal.queue import get_queue

    try:
        queue = get_queue()
        for outbox_id in ids:
            mail_jobs.enqueue(queue, outbox_id)
    except RedisError:
        log.warning("Redis niet bereikbaar: %s bericht(en) blijven in de outbox voor de sweeper", len(ids))
