"""The audit trail: who at the department read or did what, and when (issue 16). Rows are only ever
added: the session refuses to flush a change or deletion of one (see `refuse_changes`)."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from portal.extensions import db
from portal.models.base import utcnow


class StaffRole(db.Model):
    """A role a staff member holds (portal/domain/staff_roles.py)."""

    __tablename__ = "staff_role"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class AuditEvent(db.Model):
    """One line of the audit trail. The actor's name is copied, so the line keeps saying who it was;
    the dossier and document are plain numbers (no foreign key), so a line outlives a draft the
    retention sweep removes."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    actor_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40), index=True)
    application_id: Mapped[int | None] = mapped_column(Integer, index=True)
    document_id: Mapped[int | None] = mapped_column(Integer)
    enterprise_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")


class AuditIsAppendOnly(Exception):
    pass


@event.listens_for(Session, "before_flush")
def refuse_changes(session, _context, _instances):
    for row in list(session.dirty) + list(session.deleted):
        if isinstance(row, AuditEvent) and (row in session.deleted or session.is_modified(row)):
            raise AuditIsAppendOnly("De audittrail wordt alleen aangevuld, nooit gewijzigd.")
