"""The local adapters: answers from the reference tables (VdabRecord with its WopPackage,
RszEmployment, OnderwijsEmployment)."""

from portal.domain.admissibility import Period, VdabFacts
from portal.domain.wop import EmployeePackage, valid_until
from portal.extensions import db
from portal.models import OnderwijsEmployment, RszEmployment, VdabRecord
from portal.sources import Sources
from portal.sources.reference import package


class LocalVdab:
    def person(self, national_number):
        row = db.session.scalar(db.select(VdabRecord).filter_by(national_number=national_number))
        if row is None:
            return None
        found = package(row.package)
        wop = None
        if found is not None:
            until = valid_until(row.package_start, row.package_end) if row.package_start else row.package_end
            wop = EmployeePackage(found, row.package_start, until)
        return VdabFacts(row.need, row.need_years, row.package, row.handicap_status, row.status_date, wop)


class LocalRsz:
    def dimona(self, enterprise_number, national_number):
        rows = db.session.scalars(db.select(RszEmployment).filter_by(
            enterprise_number=enterprise_number, national_number=national_number))
        return tuple(Period(row.start, row.end) for row in rows)


class LocalOnderwijs:
    def employments(self, enterprise_number, national_number):
        rows = db.session.scalars(db.select(OnderwijsEmployment).filter_by(
            enterprise_number=enterprise_number, national_number=national_number))
        return tuple(Period(row.start, row.end) for row in rows)


def sources() -> Sources:
    return Sources(LocalVdab(), LocalRsz(), LocalOnderwijs())
