"""Applications (aanvragen): a draft while the wizard runs, a dossier once submitted.

A submitted application is immutable: the wizard refuses to change it; later changes go through
change notices. Its life after submission (states, admissibility) is governed by
`portal/domain/dossier_states.py`; no view sets `state` directly.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.base import utcnow
from portal.models.identity import Enterprise, Establishment, User


class Application(db.Model):
    __tablename__ = "application"
    # "Actuele stand" lists an enterprise's dossiers newest first: this index gives a page in order
    # without sorting all of them.
    __table_args__ = (Index("ix_application_enterprise_submitted", "enterprise_id", "submitted_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The owner: every query on applications is scoped by it.
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), index=True)
    establishment_id: Mapped[int | None] = mapped_column(ForeignKey("establishment.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    measure: Mapped[str] = mapped_column(String(10))  # "im" or "vop"
    # VOP: "basis", "verhoging", "verlenging"; individueel maatwerk: "nieuw".
    kind: Mapped[str] = mapped_column(String(20), default="nieuw")
    # "werkgever", "school" or "zelfstandige", fixed when the draft starts.
    applicant_type: Mapped[str] = mapped_column(String(20))
    # "draft" until submitted; then the dossier states of portal/domain/dossier_states.py.
    state: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    # None until checked; then "ontvankelijk" or "niet_ontvankelijk".
    admissibility: Mapped[str | None] = mapped_column(String(20))
    # Every answer of the wizard, per step: {"contact": {...}, "werknemer": {...}, ...}.
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    # Copied out of the answers for the one-application-per-employee rule and for listings.
    employee_national_number: Mapped[str | None] = mapped_column(String(11), index=True)
    employee_name: Mapped[str | None] = mapped_column(String(200))
    number: Mapped[str | None] = mapped_column(String(30), unique=True)
    paper: Mapped[bool] = mapped_column(Boolean, default=False)
    # An evaluation request (kind "evaluatie") or a reconsideration request (kind "heroverweging"):
    # the dossier it is about, of the same enterprise.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # A draft never submitted is removed after DRAFT_RETENTION_DAYS; it was reminded at this moment.
    retention_reminded_at: Mapped[datetime | None] = mapped_column(DateTime)

    enterprise: Mapped[Enterprise] = relationship()
    establishment: Mapped[Establishment | None] = relationship()
    created_by: Mapped[User] = relationship()
    parent: Mapped["Application | None"] = relationship(remote_side=[id])
    documents: Mapped[list["Document"]] = relationship(
        back_populates="application", order_by="Document.id", cascade="all, delete-orphan"
    )

    @property
    def is_draft(self) -> bool:
        return self.state == "draft"

    def answer(self, step: str, field: str, default=None):
        return (self.answers or {}).get(step, {}).get(field, default)

    @property
    def contact_email(self) -> str | None:
        return self.answer("contact", "email")

    @property
    def applied_on(self) -> date:
        """The day of application: when it was submitted online, or, for a paper application staff
        entered later, the day the department received the form (seed 001). The admissibility term,
        the source checks, the premium's quarter and an evaluation request's timeliness count from it."""
        received = self.answer("papier", "ontvangen_op")
        return date.fromisoformat(received) if received else self.submitted_at.date()


class Document(db.Model):
    """An uploaded file, stored under a random name outside the web root."""

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    mime_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    application: Mapped[Application] = relationship(back_populates="documents")


class UploadSession(db.Model):
    """A resumable upload: chunks are appended at `received` until `size` bytes arrived."""

    __tablename__ = "upload_session"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    original_name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    received: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
