"""The werkondersteuningspakket (seed 004): the five start packages as reference data, and the
employer's requests to VDAB about an employee's package (a correction, an evaluation)."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.base import utcnow
from portal.models.identity import User


class WopPackage(db.Model):
    """One start package (WOP 1 … WOP 5): loaded by migration 0012, updated by staff as CSV."""

    __tablename__ = "wop_package"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    target_group: Mapped[str] = mapped_column(String(100))
    percentage: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    guidance: Mapped[str] = mapped_column(String(10))  # "hoog", "midden", "laag"
    basis: Mapped[str] = mapped_column(String(10))  # "attesten", "icf"


class WopRequest(db.Model):
    """A correction (up to 8 weeks after hiring) or an evaluation of the package, asked by the
    employer about the employee of an individueel-maatwerk dossier. An evaluation reaches VDAB only
    once the employee signed it through the single-use link (only its hash is kept)."""

    __tablename__ = "wop_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # "correctie", "evaluatie"
    reason: Mapped[str | None] = mapped_column(String(20))  # an evaluation's ground, portal.domain.wop.REASONS
    motivation: Mapped[str] = mapped_column(Text, default="")
    package: Mapped[str | None] = mapped_column(String(10))  # the package VDAB had set when asked
    pop_on: Mapped[date | None] = mapped_column(Date)
    document_names: Mapped[list] = mapped_column(JSON, default=list)  # the POP and motivation report, as filed
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The employee's co-signature: the address the link went to, the link's hash and expiry.
    employee_email: Mapped[str | None] = mapped_column(String(254))
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    token_expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    links_sent: Mapped[int] = mapped_column(default=0)
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_name: Mapped[str | None] = mapped_column(String(200))
    sent_to_vdab_at: Mapped[datetime | None] = mapped_column(DateTime)
    # What VDAB did: the workplace talk, its decision and the registered letter.
    talk_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(20))  # "aangepast", "ongewijzigd", "doorstroom", "geweigerd"
    letter_on: Mapped[date | None] = mapped_column(Date)

    created_by: Mapped[User] = relationship()
