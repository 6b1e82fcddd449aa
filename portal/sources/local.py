"""The local adapters: answers from the reference tables (VdabRecord, RszEmployment, OnderwijsEmployment)."""

from portal.domain.admissibility import Period, VdabFacts
from portal.extensions import db
from portal.models import OnderwijsEmployment, RszEmployment, VdabRecord
from portal.sources import Sources


class LocalVdab:
    def person(self, national_number):
        row = db.session.scalar(db.select(VdabRecord).filter_by(national_number=national_number))
        if row is None:
            return None
        return VdabFacts(row.need, row.need_years, row.package, row.handicap_status, row.status_date)


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
