"""Deliver one outbox row over SMTP.

The row is claimed with a conditional UPDATE (created -> sending), so two workers can never both
send it. SMTP 4xx and connection errors put it back to `created` and raise, so RQ retries it;
5xx marks it `failed` for staff to see. The one window left (SMTP accepted, crash before the final
UPDATE) may give a duplicate, which is better than a lost message.
"""

import smtplib
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate

from flask import current_app
from sqlalchemy import update

from portal.extensions import db
from portal.models import OutboxMessage
from portal.models.base import utcnow

STUCK_AFTER = timedelta(minutes=10)


class TemporaryDeliveryError(Exception):
    """The SMTP server could not take the message now; RQ retries the job."""


def deliver(outbox_id: int) -> str:
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == outbox_id, OutboxMessage.status == "created")
        .values(status="sending", attempts=OutboxMessage.attempts + 1, updated_at=utcnow())
    ).rowcount
    db.session.commit()
    if not claimed:
        return "not-claimed"
    message = db.session.get(OutboxMessage, outbox_id)
    try:
        send(build(message))
    except smtplib.SMTPResponseException as error:
        if 400 <= error.smtp_code < 500:
            _set(outbox_id, "created", f"{error.smtp_code} {error.smtp_error!r}")
            raise TemporaryDeliveryError(str(error)) from error
        _set(outbox_id, "failed", f"{error.smtp_code} {error.smtp_error!r}")
        return "failed"
    except smtplib.SMTPRecipientsRefused as error:
        _set(outbox_id, "failed", repr(error.recipients))
        return "failed"
    except (OSError, smtplib.SMTPException) as error:
        _set(outbox_id, "created", repr(error))
        raise TemporaryDeliveryError(str(error)) from error
    _set(outbox_id, "sent", None, sent_at=utcnow())
    return "sent"


def _set(outbox_id: int, status: str, error: str | None, **values):
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == outbox_id)
        .values(status=status, last_error=error, updated_at=utcnow(), **values)
    )
    db.session.commit()


def build(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_FROM"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = message.message_id  # generated once, the same on every retry
    email["Date"] = formatdate(localtime=True)
    email.set_content(message.body_text)
    email.add_alternative(message.body_html, subtype="html")
    return email


def send(email: EmailMessage) -> None:
    config = current_app.config
    with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=config["SMTP_TIMEOUT"]) as smtp:
        if config["SMTP_STARTTLS"]:
            smtp.starttls()
        if config["SMTP_USER"]:
            smtp.login(config["SMTP_USER"], config["SMTP_PASSWORD"] or "")
        smtp.send_message(email)


def stuck_messages() -> list[int]:
    """Rows never enqueued (Redis down) or left `sending` by a worker that died."""
    cutoff = utcnow() - STUCK_AFTER
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == "sending", OutboxMessage.updated_at < cutoff)
        .values(status="created", updated_at=utcnow())
    )
    db.session.commit()
    return list(
        db.session.scalars(
            db.select(OutboxMessage.id).where(OutboxMessage.status == "created", OutboxMessage.updated_at < utcnow() - timedelta(minutes=2))
        )
    )
