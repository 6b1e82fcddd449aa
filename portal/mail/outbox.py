"""Put a message in the outbox; it is enqueued for delivery once the transaction commits.

A message is a row with a unique dedupe key (subject, kind, occasion), so the same occasion can
never produce two e-mails, whatever retries or second workers do.
"""

import uuid
from email.utils import make_msgid

from flask import render_template

from portal.extensions import db
from portal.models import OutboxMessage
from portal.models.outbox import CAMPAIGN, TRANSACTIONAL
from portal.queue import enqueue_after_commit


def init_app(app):
    app.extensions["loket_outbox"] = True


def queue_mail(*, dedupe_key: str, recipient: str, template: str, enterprise_id: int | None = None,
               campaign_id: int | None = None, status: str = "created", **context):
    """Add a message, rendered from templates/mail/<template>.{txt,html}, unless the key exists.
    A campaign's messages go through the campaign lane, every other one through the
    transactional lane (delivered first).

    Returns the message, or None when this occasion already has one. The caller commits.
    """
    existing = db.session.scalar(db.select(OutboxMessage).filter_by(dedupe_key=dedupe_key))
    if existing is not None:
        return None
    subject = render_template(f"mail/{template}.subject.txt", **context).strip()
    message = OutboxMessage(
        dedupe_key=dedupe_key,
        enterprise_id=enterprise_id,
        campaign_id=campaign_id,
        lane=CAMPAIGN if campaign_id else TRANSACTIONAL,
        status=status,
        recipient=recipient,
        subject=subject,
        body_text=render_template(f"mail/{template}.txt", subject=subject, **context),
        body_html=render_template(f"mail/{template}.html", subject=subject, **context),
        message_id=make_msgid(idstring=uuid.uuid4().hex[:12], domain="loket.vlaanderen.test"),
    )
    db.session.add(message)
    db.session.flush()
    if status == "created":
        enqueue_after_commit(db.session, "mail", message.lane)
    return message
