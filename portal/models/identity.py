"""Who acts in the portal: enterprises, their establishments, users, their rights per measure and
their open logins."""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.domain.identifiers import format_enterprise_number
from portal.extensions import db
from portal.models.base import utcnow

ENTERPRISE_KINDS = ("werkgever", "scholengroep", "zelfstandige")


class Enterprise(db.Model):
    """An entity registered in the KBO, identified by its ondernemingsnummer (10 digits)."""

    __tablename__ = "enterprise"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="werkgever")
    # The account every establishment (or school of the group) is paid on (seed 003).
    iban: Mapped[str | None] = mapped_column(String(34))
    bank_name: Mapped[str | None] = mapped_column(String(200))

    establishments: Mapped[list["Establishment"]] = relationship(
        back_populates="enterprise", order_by="Establishment.name"
    )

    @property
    def display_number(self) -> str:
        return format_enterprise_number(self.number)

    @property
    def is_school_group(self) -> bool:
        return self.kind == "scholengroep"

    @property
    def is_self_employed(self) -> bool:
        return self.kind == "zelfstandige"


class Establishment(db.Model):
    """A vestiging of an enterprise; for a school group, one school."""

    __tablename__ = "establishment"

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    number: Mapped[str | None] = mapped_column(String(10))
    is_school: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[str | None] = mapped_column(String(300))

    enterprise: Mapped[Enterprise] = relationship(back_populates="establishments")


class User(db.Model):
    """A person who logs in: an applicant acting for enterprises, or department staff."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable subject from the identity provider (demo: the login name; OIDC: the `sub` claim).
    subject: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str | None] = mapped_column(String(300))
    national_number: Mapped[str | None] = mapped_column(String(11))
    is_staff: Mapped[bool] = mapped_column(Boolean, default=False)

    memberships: Mapped[list["Membership"]] = relationship(back_populates="user")


class Membership(db.Model):
    """A user may act for an enterprise; a lokale beheerder manages its users' rights."""

    __tablename__ = "membership"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), primary_key=True)
    is_local_admin: Mapped[bool] = mapped_column(Boolean, default=False)

    user: Mapped[User] = relationship(back_populates="memberships")
    enterprise: Mapped[Enterprise] = relationship()


class MeasureRight(db.Model):
    """The right "DWSE Organisatieverantwoordelijke" for one measure, per enterprise (seeds 000, 002, 003)."""

    __tablename__ = "measure_right"
    __table_args__ = (UniqueConstraint("user_id", "enterprise_id", "measure"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), index=True)
    measure: Mapped[str] = mapped_column(String(20))
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    granted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class LoginSession(db.Model):
    """The server-side half of a login: the session cookie is signed but lives in the browser, so a
    copy of it would outlive logout; this row is what makes it valid, and logout deletes it.
    One login that has not ended. Only a digest of the cookie's random id is stored, so the
    table alone does not let anyone take over a session."""

    __tablename__ = "login_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the cookie's id
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    # The last request the user made (the idle timeout counts from it; polls do not count).
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
