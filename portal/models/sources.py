"""Reference data for the authentic sources (VDAB, RSZ), loaded by staff or the demo seed."""

from datetime import date

from sqlalchemy import Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


class VdabRecord(db.Model):
    """What VDAB knows of a person: the need for work support and the arbeidshandicap status."""

    __tablename__ = "vdab_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    national_number: Mapped[str] = mapped_column(String(11), unique=True)
    # Individueel maatwerk: "loonpremie", "loonpremie_begeleiding" or "geen".
    need: Mapped[str] = mapped_column(String(30), default="geen")
    need_years: Mapped[int | None] = mapped_column(Integer)
    package: Mapped[str | None] = mapped_column(String(10))  # "WOP 1" … "WOP 5" (seed 004, table wop_package)
    package_start: Mapped[date | None] = mapped_column(Date)
    package_end: Mapped[date | None] = mapped_column(Date)  # VDAB's end; the package holds at most 5 years
    # VOP: "erkend", "aangevraagd", "geweigerd" (unknown persons have no row).
    handicap_status: Mapped[str | None] = mapped_column(String(20))
    status_date: Mapped[date | None] = mapped_column(Date)


class RszEmployment(db.Model):
    """An employment relation as declared in DIMONA."""

    __tablename__ = "rsz_employment"
    __table_args__ = (UniqueConstraint("enterprise_number", "national_number", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_number: Mapped[str] = mapped_column(String(10), index=True)
    national_number: Mapped[str] = mapped_column(String(11), index=True)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)


class ServiceProvider(db.Model):
    """A recognised service provider (erkende dienstverlener) that can act as qualified guide (seed 003)."""

    __tablename__ = "service_provider"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(100))


class OnderwijsEmployment(db.Model):
    """An employment through the Departement Onderwijs, in a school group (seed 003)."""

    __tablename__ = "onderwijs_employment"
    __table_args__ = (UniqueConstraint("enterprise_number", "national_number", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_number: Mapped[str] = mapped_column(String(10), index=True)
    national_number: Mapped[str] = mapped_column(String(11), index=True)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)
