"""The applicant's tab "Berekeningen" (seed 003, stap 6: "Na betaling vindt u ... de berekening terug
van de premie onder het tabblad 'Berekeningen'"): every paid quarter line by line, corrections as
their own lines, a total per year (the year of the quarter of employment), and the same as CSV for
the employer's bookkeeping. One query, whatever the number of quarters."""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from functools import partial

from portal.domain import premiums
from portal.domain.wop import whole
from portal.domain.quarters import Quarter
from portal.extensions import db
from portal.models import PaymentRun, PremiumLine


@dataclass(frozen=True)
class Paid:
    quarter: Quarter
    correction: bool
    days: Decimal
    hours: Decimal
    wage: Decimal
    covered_days: int
    quarter_days: int
    reference_wage: Decimal
    percentage: int  # the decided percentage
    amount: Decimal
    paid_on: date
    iban: str
    # Individueel maatwerk (portal/domain/premium_schedule.py); None on a VOP's line.
    grant_year: int | None = None
    year_percentage: Decimal | None = None
    guidance_amount: Decimal | None = None

    @property
    def applied_percentage(self) -> Decimal:
        """The percentage the loonpremie was calculated at: the grant year's, else the decided one."""
        return whole(Decimal(self.percentage if self.year_percentage is None else self.year_percentage))


@dataclass
class Year:
    year: int
    lines: list[Paid]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))


def paid(application_id: int) -> list[Year]:
    """The dossier's paid lines (in an approved run), by year of employment."""
    rows = db.session.execute(
        db.select(PremiumLine, PaymentRun.pay_on)
        .join(PaymentRun, PaymentRun.id == PremiumLine.payment_run_id)
        .filter(PremiumLine.application_id == application_id, PaymentRun.status == "goedgekeurd")
        .order_by(PremiumLine.year, PremiumLine.quarter, PremiumLine.sequence))
    years: dict[int, Year] = {}
    for line, pay_on in rows:
        years.setdefault(line.year, Year(line.year, [])).lines.append(Paid(
            Quarter(line.year, line.quarter), line.sequence > 0, line.days, line.hours, line.wage, line.covered_days,
            line.quarter_days, line.reference_wage, line.percentage, line.amount, pay_on, line.paid_iban or "",
            line.grant_year, line.year_percentage, line.guidance_amount))
    return list(years.values())


decimal_comma = partial(premiums.decimal_comma, grouping=False)
# The schedule's columns come last, so a bookkeeping import of the earlier file finds its columns in place.
COLUMNS = ["dossier", "kwartaal", "soort", "dagen", "uren", "loon", "deel_kwartaal_dagen", "referteloon",
           "percentage", "bedrag", "betaald_op", "rekening", "jaar_van_de_premie", "begeleidingspremie"]


def as_csv(number: str, years: list[Year]) -> bytes:
    """Semicolons and decimal commas (what Excel in nl-BE reads), UTF-8 with BOM."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for year in years:
        for line in year.lines:
            writer.writerow([number, str(line.quarter), "correctie" if line.correction else "berekening",
                             decimal_comma(line.days), decimal_comma(line.hours), decimal_comma(line.wage),
                             f"{line.covered_days}/{line.quarter_days}", decimal_comma(line.reference_wage),
                             str(line.applied_percentage).replace(".", ","),
                             decimal_comma(line.amount), line.paid_on.isoformat(), line.iban,
                             "" if line.grant_year is None else line.grant_year,
                             "" if line.guidance_amount is None else decimal_comma(line.guidance_amount)])
        writer.writerow([number, f"totaal {year.year}", "", "", "", "", "", "", "", decimal_comma(year.total), "", "",
                         "", ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
