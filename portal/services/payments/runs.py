"""Payment runs: the lines of one measure's quarter (and any earlier line still unpaid, such as a
correction) gathered for staff to approve at once; on approval each line records the account it is
paid to, and each enterprise gets one e-mail listing its dossiers and amounts (a job, through the
outbox, once per run and enterprise)."""

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func

from portal.domain import premiums
from portal.domain.measures import get_measure
from portal.domain.quarters import Quarter
from portal.extensions import db
from portal.mail.outbox import queue_mail
from portal.models import Application, Enterprise, PaymentRun, PremiumLine, User
from portal.models.base import utcnow
from portal.queue import enqueue_after_commit
from portal.services import audit
from portal.services.dossiers import answers

MEASURES = ("im", "vop")


class AlreadyApproved(RuntimeError):
    pass


def _quarter_index(column_year, column_quarter):
    return column_year * 4 + column_quarter - 1


def _with_account():
    return db.select(Enterprise.id).filter(Enterprise.iban.is_not(None), Enterprise.iban != "")


def gather(last: Quarter) -> None:
    """Put every unpaid line of a complete quarter into its measure's open run for `last` (created
    when needed). Lines of an enterprise without an account wait; so do lines once `last`'s run is
    approved (they go with the next quarter's run). The caller commits."""
    for measure in MEASURES:
        waiting = (PremiumLine.payment_run_id.is_(None), PremiumLine.measure == measure,
                   _quarter_index(PremiumLine.year, PremiumLine.quarter) <= premiums.quarter_index(last),
                   PremiumLine.enterprise_id.in_(_with_account()))
        if not db.session.scalar(db.select(func.count()).select_from(PremiumLine).filter(*waiting)):
            continue
        run = db.session.scalar(db.select(PaymentRun).filter_by(measure=measure, year=last.year, quarter=last.number))
        if run is None:
            run = PaymentRun(measure=measure, year=last.year, quarter=last.number,
                             pay_on=premiums.payment_date(measure, last), status="open")
            db.session.add(run)
            db.session.flush()
        if run.is_open:
            db.session.execute(db.update(PremiumLine).where(*waiting).values(payment_run_id=run.id)
                               .execution_options(synchronize_session=False))


@dataclass
class Summary:
    run: PaymentRun
    lines: int
    dossiers: int
    enterprises: int
    total: Decimal

    @property
    def title(self) -> str:
        return title(self.run)


def title(run: PaymentRun) -> str:
    return f"{get_measure(run.measure).title}, {Quarter(run.year, run.quarter).label()}"


def overview() -> list[Summary]:
    """Every run, newest first, with its counts and total (one query)."""
    rows = db.session.execute(
        db.select(PaymentRun, func.count(PremiumLine.id), func.count(func.distinct(PremiumLine.application_id)),
                  func.count(func.distinct(PremiumLine.enterprise_id)), func.coalesce(func.sum(PremiumLine.amount), 0))
        .outerjoin(PremiumLine, PremiumLine.payment_run_id == PaymentRun.id)
        .group_by(PaymentRun.id).order_by(PaymentRun.pay_on.desc(), PaymentRun.measure))
    return [Summary(run, lines, dossiers, enterprises, Decimal(total))
            for run, lines, dossiers, enterprises, total in rows]


@dataclass
class Payee:
    """One enterprise in a run: its lines and what it is paid."""

    enterprise_id: int
    name: str
    number: str
    iban: str | None
    lines: list = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))


@dataclass
class Line:
    application_id: int
    number: str
    employee: str
    quarter: Quarter
    correction: bool
    amount: Decimal
    guidance: Decimal | None = None  # the begeleidingspremie in the amount (a calculation line, not a correction)


def payees(run: PaymentRun) -> list[Payee]:
    """The run's enterprises with their lines (one query); the account is the one recorded on the
    lines once approved, the enterprise's current one before."""
    rows = db.session.execute(
        db.select(PremiumLine.application_id, PremiumLine.year, PremiumLine.quarter, PremiumLine.sequence,
                  PremiumLine.amount, PremiumLine.guidance_amount, PremiumLine.paid_iban, Application.number, Application.employee_name,
                  Enterprise.id.label("enterprise_id"), Enterprise.name.label("enterprise_name"),
                  Enterprise.number.label("enterprise_number"), Enterprise.iban)
        .join(Application, Application.id == PremiumLine.application_id)
        .join(Enterprise, Enterprise.id == PremiumLine.enterprise_id)
        .filter(PremiumLine.payment_run_id == run.id)
        .order_by(Enterprise.name, Enterprise.id, Application.number, PremiumLine.year, PremiumLine.quarter,
                  PremiumLine.sequence))
    found: dict[int, Payee] = {}
    for r in rows:
        payee = found.setdefault(r.enterprise_id, Payee(r.enterprise_id, r.enterprise_name, r.enterprise_number,
                                                        r.paid_iban or r.iban))
        payee.lines.append(Line(r.application_id, r.number, r.employee_name or "", Quarter(r.year, r.quarter),
                                r.sequence > 0, r.amount, r.guidance_amount if r.sequence == 0 else None))
    return list(found.values())


def waiting_without_account() -> int:
    """Lines that cannot be paid: their enterprise has no account yet."""
    return db.session.scalar(db.select(func.count()).select_from(PremiumLine).filter(
        PremiumLine.payment_run_id.is_(None), PremiumLine.enterprise_id.not_in(_with_account())))


def get(run_id: int) -> PaymentRun | None:
    return db.session.get(PaymentRun, run_id)


def approve(run: PaymentRun, user: User, notify: bool = True) -> None:
    """Approve an open run: the lines record the account they are paid to, the audit trail the
    approval, and the e-mails follow (a job, after commit; `notify=False` only for the demo's
    history). AlreadyApproved when it was not open."""
    moment = utcnow()
    done = db.session.execute(db.update(PaymentRun).where(PaymentRun.id == run.id, PaymentRun.status == "open")
                              .values(status="goedgekeurd", approved_at=moment, approved_by_id=user.id,
                                      notified_at=None if notify else moment)
                              .execution_options(synchronize_session=False))
    if done.rowcount != 1:
        db.session.rollback()
        raise AlreadyApproved()
    account = db.select(Enterprise.iban).where(Enterprise.id == PremiumLine.enterprise_id).scalar_subquery()
    db.session.execute(db.update(PremiumLine).where(PremiumLine.payment_run_id == run.id)
                       .values(paid_iban=account).execution_options(synchronize_session=False))
    total = db.session.scalar(db.select(func.coalesce(func.sum(PremiumLine.amount), 0))
                              .filter(PremiumLine.payment_run_id == run.id))
    audit.record("betaling_goedgekeurd", user,
                 detail=f"{title(run)}: betaling op {run.pay_on:%d/%m/%Y}, totaal {premiums.euro(Decimal(total))}")
    if notify:
        enqueue_after_commit(db.session, "payment_run", run.id)
    db.session.commit()
    db.session.refresh(run)


def notify(run_id: int) -> int:
    """One e-mail per enterprise of an approved run, to the contact of its first dossier in the run,
    listing its dossiers and amounts. Idempotent: the outbox key is (run, enterprise)."""
    run = get(run_id)
    if run is None or run.is_open:
        return 0
    queued = 0
    everyone = payees(run)
    firsts = {p.enterprise_id: min(line.application_id for line in p.lines) for p in everyone}
    applications = {a.id: a for a in db.session.scalars(
        db.select(Application).filter(Application.id.in_(list(firsts.values()))))}
    reported = answers.reported_contacts(list(applications))
    for payee in everyone:
        first = applications[firsts[payee.enterprise_id]]
        contact = reported.get(first.id, {})
        recipient = answers.contact_email(first, contact)
        if not recipient:
            continue
        if queue_mail(dedupe_key=f"betaling:{run.id}:{payee.enterprise_id}", recipient=recipient, template="betaling",
                      enterprise_id=payee.enterprise_id, run=run, title=title(run), payee=payee,
                      contact=answers.contact_name(first, contact)):
            queued += 1
    run.notified_at = utcnow()
    db.session.commit()
    return queued


def not_notified() -> list[int]:
    """Approved runs whose e-mails were not queued yet (the job was lost): the sweep enqueues them."""
    return list(db.session.scalars(db.select(PaymentRun.id).filter(PaymentRun.status == "goedgekeurd",
                                                                    PaymentRun.notified_at.is_(None))))
