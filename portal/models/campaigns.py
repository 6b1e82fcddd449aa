"""A message staff send to many applicants at once; its e-mails are outbox rows that know it."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.base import utcnow
from portal.models.identity import User

GEPLAND, AANGEMAAKT = "gepland", "aangemaakt"


class BulkMessage(db.Model):
    __tablename__ = "bulk_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    measure: Mapped[str] = mapped_column(String(10), default="")  # "" = every measure
    audience: Mapped[str] = mapped_column(String(20))
    # The other filters staff chose (JSON: begin/end window, enterprise, province).
    filters: Mapped[str] = mapped_column(Text, default="{}")
    # Issued with the preview the staff member confirmed: a second post of that form (a double
    # click, a resent request) finds this row instead of sending everything twice.
    request_token: Mapped[str] = mapped_column(String(64), unique=True)
    # "gepland" until the job has written every recipient's outbox row, then "aangemaakt".
    status: Mapped[str] = mapped_column(String(12), default=GEPLAND, index=True)
    # Not before this moment (None: at once).
    send_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    paused_at: Mapped[datetime | None] = mapped_column(DateTime)
    paused_reason: Mapped[str | None] = mapped_column(Text)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    # How many of its e-mails staff cancelled: only cancelling makes a row `cancelled` and nothing
    # takes one out again, so the list of campaigns need not count them in the outbox.
    cancelled_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    recipients: Mapped[int | None] = mapped_column(Integer)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    fanned_out_at: Mapped[datetime | None] = mapped_column(DateTime)

    created_by: Mapped[User] = relationship()

    @property
    def dedupe_prefix(self) -> str:
        return f"bulk:{self.id}:"
