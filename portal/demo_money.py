"""Demo money (after `portal.demo_life.seed`): the bakery's account, the RSZ quarterly declarations
of the running demo dossiers, and their past quarters calculated and paid, run by run, as if the
portal had been running; the last complete quarter's runs stay open for `sofie` to approve
(Backoffice › Betalingen), after which `els` reads them under the tab "Berekeningen". One
declaration of Tim Goossens was corrected afterwards: his dossier shows the correction as a line of
its own. Idempotent: loaded once."""

from decimal import Decimal

from portal.clock import today
from portal.demo_life import BRAM, EVA, HANNE, LIEN, RUBEN, TIM
from portal.domain.quarters import quarter_of
from portal.extensions import db
from portal.models import Application, Dossier, Enterprise, PaymentRun, PremiumParameter, RszDeclaration, User
from portal.services.payments import calculation, runs
from portal.sources import reference

BAKERY = "0403170701"
IBAN = "BE71096123456769"
WAGES = {HANNE.number: "7650.00", TIM.number: "8120.50", LIEN.number: "6980.00", BRAM.number: "5400.00",
         RUBEN.number: "7300.00", EVA.number: "7000.00"}


def seed() -> bool:
    """False when the declarations are there already (or the demo dossiers are not)."""
    if db.session.scalar(db.select(RszDeclaration).filter_by(national_number=TIM.number)) is not None:
        return False
    grants = db.session.execute(
        db.select(Application.employee_national_number, Dossier.begin, Dossier.end)
        .join(Dossier, Dossier.application_id == Application.id)
        .filter(Application.state == "goedgekeurd", Application.employee_national_number.in_(list(WAGES)),
                Application.kind != "evaluatie")).all()
    if not grants:
        return False
    if db.session.scalar(db.select(PremiumParameter.id).limit(1)) is None:
        reference.load_initial_parameters()
    bakery = db.session.scalar(db.select(Enterprise).filter_by(number=BAKERY))
    bakery.iban = bakery.iban or IBAN
    last = quarter_of(today()).shift(-1)
    first = min(quarter_of(begin) for _nn, begin, _end in grants)
    for number, begin, end in grants:
        quarter = quarter_of(begin)
        while quarter <= min(last, quarter_of(end)):
            db.session.add(RszDeclaration(enterprise_number=BAKERY, national_number=number, year=quarter.year,
                                          quarter=quarter.number, days=Decimal("64"), hours=Decimal("486.4"),
                                          wage=Decimal(WAGES[number])))
            quarter = quarter.shift(1)
    db.session.commit()
    sofie = db.session.scalar(db.select(User).filter_by(subject="sofie"))
    quarter = first
    while quarter < last:  # the past, paid run by run (without e-mails: they are history)
        calculation.run(quarter.shift(1).start)
        for run in db.session.scalars(db.select(PaymentRun).filter_by(status="open")).all():
            runs.approve(run, sofie, notify=False)
        quarter = quarter.shift(1)
    corrected = db.session.scalar(db.select(RszDeclaration).filter_by(
        national_number=TIM.number, year=last.shift(-2).year, quarter=last.shift(-2).number))
    if corrected is not None:
        corrected.wage = Decimal("8420.50")  # a correction of the declaration, paid with the next run
        db.session.commit()
    calculation.run(today())
    return True
