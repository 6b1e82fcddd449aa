"""The money: RSZ quarterly declarations (DmfA, loaded by staff), the dated parameters of the
calculation with their source, the premium lines the quarterly calculation writes (a correction is a
line of its own, never an overwrite), and the payment runs staff approve."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.base import utcnow
from portal.models.identity import User

MONEY = Numeric(12, 2)


class RszDeclaration(db.Model):
    """What the employer declared to the RSZ (DmfA) for one employee and quarter. A correction of the
    declaration replaces the row; the calculation then adds a correction line."""

    __tablename__ = "rsz_declaration"
    __table_args__ = (UniqueConstraint("enterprise_number", "national_number", "year", "quarter",
                                       name="uq_rsz_declaration_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_number: Mapped[str] = mapped_column(String(10))
    national_number: Mapped[str] = mapped_column(String(11), index=True)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    days: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    hours: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    wage: Mapped[Decimal] = mapped_column(MONEY)


class PremiumParameter(db.Model):
    """A dated parameter of the calculation (portal/domain/premiums.py names them), with its source."""

    __tablename__ = "premium_parameter"
    __table_args__ = (UniqueConstraint("name", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    valid_from: Mapped[date] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(Numeric(14, 4))
    source: Mapped[str] = mapped_column(Text)


class PaymentRun(db.Model):
    """The payment of one measure's quarter: every line waiting for it, approved by staff at once."""

    __tablename__ = "payment_run"
    __table_args__ = (UniqueConstraint("measure", "year", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    measure: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    pay_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")  # "open" or "goedgekeurd"
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # When every enterprise of the run had its e-mail queued (the job does it after approval).
    notified_at: Mapped[datetime | None] = mapped_column(DateTime)

    approved_by: Mapped[User | None] = relationship()

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class PremiumLine(db.Model):
    """One quarter of one dossier as calculated: sequence 0 is the first calculation, each later
    sequence a correction whose `amount` is the difference with the lines before it."""

    __tablename__ = "premium_line"
    __table_args__ = (UniqueConstraint("application_id", "year", "quarter", "sequence", name="uq_premium_line_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"))
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), index=True)
    measure: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    days: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    hours: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    wage: Mapped[Decimal] = mapped_column(MONEY)
    covered_days: Mapped[int] = mapped_column(Integer)
    quarter_days: Mapped[int] = mapped_column(Integer)
    reference_wage: Mapped[Decimal] = mapped_column(MONEY)
    percentage: Mapped[int] = mapped_column(Integer)  # the decided percentage
    # Individueel maatwerk (portal/domain/premium_schedule.py): the year of the grant the quarter falls
    # in, that year's percentage, the guidance level and the begeleidingspremie in the premium (NULL on
    # a VOP's line and on lines calculated before the schedule).
    grant_year: Mapped[int | None] = mapped_column(Integer)
    year_percentage: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    guidance_level: Mapped[str | None] = mapped_column(String(10))
    guidance_amount: Mapped[Decimal | None] = mapped_column(MONEY)
    # The quarter's premium (loonpremie plus begeleidingspremie) as now calculated, and what this line pays (for a correction: the difference).
    premium: Mapped[Decimal] = mapped_column(MONEY)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    computed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    payment_run_id: Mapped[int | None] = mapped_column(ForeignKey("payment_run.id"), index=True)
    # The enterprise's account when the run was approved: where this line was paid.
    paid_iban: Mapped[str | None] = mapped_column(String(34))

    payment_run: Mapped[PaymentRun | None] = relationship()

    @property
    def is_correction(self) -> bool:
        return self.sequence > 0
