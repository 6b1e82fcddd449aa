"""What staff must know about e-mail each morning: a digest of the messages that failed in the
last day (by campaign and by error) and of what is stuck (rows due for a long time, planned
campaigns not written), sent once a day to MAIL_DIGEST_TO or else to every staff member."""

from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app

from portal.clock import now, today
from portal.extensions import db
from portal.mail.outbox import queue_mail
from portal.models import BulkMessage, OutboxMessage, User
from portal.models.campaigns import GEPLAND

STUCK_AFTER = timedelta(minutes=15)
SEND_FROM_HOUR = 7  # UTC; the digest leaves with the first sweep after this hour


@dataclass
class Digest:
    failed: list[tuple[str, str, int]] = field(default_factory=list)  # (campaign or "", error, count)
    stuck_rows: int = 0
    stuck_campaigns: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.failed or self.stuck_rows or self.stuck_campaigns)


def collect() -> Digest:
    since = now() - timedelta(days=1)
    failed = db.session.execute(
        db.select(BulkMessage.subject, OutboxMessage.last_code, db.func.count())
        .select_from(OutboxMessage).outerjoin(BulkMessage, BulkMessage.id == OutboxMessage.campaign_id)
        .filter(OutboxMessage.status == "failed", OutboxMessage.updated_at >= since)
        .group_by(BulkMessage.subject, OutboxMessage.last_code).order_by(db.func.count().desc())).all()
    overdue = now() - STUCK_AFTER
    stuck_rows = db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage).filter(
        OutboxMessage.status.in_(("created", "sending")),
        db.func.coalesce(OutboxMessage.next_attempt_at, OutboxMessage.updated_at) < overdue))
    stuck_campaigns = db.session.scalars(db.select(BulkMessage.subject).filter(
        BulkMessage.status == GEPLAND, BulkMessage.cancelled_at.is_(None),
        db.func.coalesce(BulkMessage.send_at, BulkMessage.created_at) < overdue)).all()
    return Digest([(subject or "", str(code) if code else "geen antwoord van de server", count)
                   for subject, code, count in failed], stuck_rows, list(stuck_campaigns))


def recipients() -> list[str]:
    configured = [a.strip() for a in current_app.config["MAIL_DIGEST_TO"].split(",") if a.strip()]
    if configured:
        return configured
    return [email for email in db.session.scalars(db.select(User.email).filter(User.is_staff.is_(True))) if email]


def send_daily() -> int:
    """Queue today's digest once (dedupe key per day and address); nothing when all is well."""
    if now().hour < SEND_FROM_HOUR:
        return 0
    digest = collect()
    if digest.empty:
        return 0
    day = today()
    queued = sum(1 for address in recipients() if queue_mail(
        dedupe_key=f"digest:{day.isoformat()}:{address.lower()}", recipient=address, template="staff_digest",
        digest=digest, day=day))
    db.session.commit()
    return queued
