"""A submitted application's dossier: the admissibility term, source checks, decision, history,
information requests and the letters to print. State and admissibility live on `Application`
and change only through `portal/services/dossiers/transitions.py`, which asks `portal/domain/dossier_states.py`."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.application import Application
from portal.models.base import utcnow
from portal.models.identity import User


class Dossier(db.Model):
    __tablename__ = "dossier"

    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), index=True)
    received_on: Mapped[date] = mapped_column(Date)
    # The 7-day admissibility term is suspended while information is awaited (seed 001).
    suspended_days: Mapped[int] = mapped_column(Integer, default=0)
    suspended_since: Mapped[date | None] = mapped_column(Date)
    admissibility_on: Mapped[date | None] = mapped_column(Date)
    # [{"source", "ok", "summary"}] of the last automatic check, and the Dutch reasons.
    checks: Mapped[list] = mapped_column(JSON, default=list)
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    check_attempts: Mapped[int] = mapped_column(Integer, default=0)
    # When a source did not answer: when to try again.
    next_check_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    # VOP: VDAB has not recognised the handicap yet; the 4-month notice is due from admissibility.
    waiting_for_vdab: Mapped[bool] = mapped_column(default=False)
    proposed_refusal: Mapped[str | None] = mapped_column(Text)
    percentage: Mapped[int | None] = mapped_column(Integer)
    # Individueel maatwerk: the werkondersteuningspakket (seed 004) VDAB had set when it was approved.
    wop_package: Mapped[str | None] = mapped_column(String(10))
    begin: Mapped[date | None] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    decision_text: Mapped[str | None] = mapped_column(Text)
    # The first day of the quarter for which the contact person was last reminded to report changes.
    change_reminder_for: Mapped[date | None] = mapped_column(Date)
    # The day VDAB last evaluated the need for this grant (an approved evaluation), seed 003.
    vdab_evaluated_on: Mapped[date | None] = mapped_column(Date)
    # The employee's last working day, when reported: the premium then ends with that quarter.
    left_service_on: Mapped[date | None] = mapped_column(Date)

    # The first deadline while the clock runs (admissibility.urgent_on): kept by
    # portal/services/dossiers/urgency.py whenever its inputs change, so the work queue orders open
    # dossiers by an index instead of computing days left for every row from today's date.
    urgent_on: Mapped[date | None] = mapped_column(Date)

    application: Mapped[Application] = relationship(backref=db.backref("dossier", uselist=False))

    __table_args__ = (
        # The clock runs: days left = urgent_on − today, so this index gives the work queue's order.
        Index("ix_dossier_urgent_on_running", "urgent_on",
              postgresql_where=text("suspended_since IS NULL AND urgent_on IS NOT NULL"),
              sqlite_where=text("suspended_since IS NULL AND urgent_on IS NOT NULL")),
        # The department waits: days left are frozen; these few are found here and ordered apart.
        Index("ix_dossier_urgent_on_suspended", "urgent_on",
              postgresql_where=text("suspended_since IS NOT NULL"), sqlite_where=text("suspended_since IS NOT NULL")),
    )


class DossierEvent(db.Model):
    """One line of a dossier's history: who did what, when and why."""

    __tablename__ = "dossier_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(10))  # "system", "staff", "applicant"
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20))
    admissibility: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)

    user: Mapped[User | None] = relationship()


class InformationRequest(db.Model):
    """Staff ask the applicant for information or documents; the applicant answers in the portal."""

    __tablename__ = "information_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), index=True)
    question: Mapped[str] = mapped_column(Text)
    asked_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    asked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)


class Letter(db.Model):
    """A letter to print and post: the employee's copy of a decision when no e-mail is known (seed 003)."""

    __tablename__ = "letter"

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(300))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    printed_at: Mapped[datetime | None] = mapped_column(DateTime)
    printed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class ChangeNotice(db.Model):
    """A change the applicant reported on the dossier (seed 003, step 7); staff mark it handled."""

    __tablename__ = "change_notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # portal.domain.changes
    # What changed, as entered: e.g. {"name", "email", "phone"} or {"iban", "bank_name"}.
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    reported_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    reported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    handled_at: Mapped[datetime | None] = mapped_column(DateTime)

    reported_by: Mapped[User] = relationship(foreign_keys=[reported_by_id])
    handled_by: Mapped[User | None] = relationship(foreign_keys=[handled_by_id])
