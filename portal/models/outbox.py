"""The e-mail outbox: a row per message, written in the transaction that causes it.

A row waits in `created` until its next attempt is due (`next_attempt_at`, empty = now); a
delivery job claims a batch of due rows of one lane (`sending`), sends them over one SMTP
connection and records each one's result as it goes: `sent`, `failed` (5xx), or back to
`created` with the time of its next attempt (4xx). A campaign's rows can also be `paused` or
`cancelled` by staff. The database, not Redis, knows what is due: whatever process enqueues the
delivery (the commit, the ticker, a sweep) reads it here.
"""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.base import utcnow

STATUSES = ("created", "sending", "sent", "failed", "paused", "cancelled")
# Transactional mail (confirmations, requests, decisions, reminders) and campaigns go through
# separate queues; workers always serve the transactional one first.
TRANSACTIONAL, CAMPAIGN = "transactional", "campaign"
LANES = (TRANSACTIONAL, CAMPAIGN)
# A campaign's rows that are still on their way or were refused. Few once a campaign has left
# (most rows are `sent`, the rest mostly `cancelled`, counted when staff cancel), so the list of
# campaigns counts these through a partial index and derives the sent ones from the total.
OPEN = ("created", "sending", "paused", "failed")
_OPEN_ROWS = text("campaign_id IS NOT NULL AND status IN ('created', 'sending', 'paused', 'failed')")


class OutboxMessage(db.Model):
    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_due", "status", "lane", "next_attempt_at"),
                      Index("ix_outbox_message_campaign_open", "campaign_id", "status",
                            postgresql_where=_OPEN_ROWS, sqlite_where=_OPEN_ROWS))

    id: Mapped[int] = mapped_column(primary_key=True)
    # (subject, kind, occasion): a retry or a second worker can never create a second message.
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprise.id"), index=True)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("bulk_message.id"), index=True)
    lane: Mapped[str] = mapped_column(String(16), default=TRANSACTIONAL)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="created", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    # The SMTP reply code of the last attempt (None: no reply, e.g. a connection error).
    last_code: Mapped[int | None] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)


class MailAddress(db.Model):
    """What the portal knows of one e-mail address of an enterprise: confirmed by a code the
    applicant typed, or undeliverable because a server refused it for good (5xx)."""
    __tablename__ = "mail_address"
    __table_args__ = (UniqueConstraint("enterprise_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254))  # lower case
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    code_hash: Mapped[str | None] = mapped_column(String(128))
    code_sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    code_attempts: Mapped[int] = mapped_column(Integer, default=0)
    undeliverable_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    undeliverable_reason: Mapped[str | None] = mapped_column(Text)
