"""Finding dossiers: the applicant's (always scoped by the acting enterprise) and the staff queue."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask import abort
from sqlalchemy import Date
from sqlalchemy.orm import contains_eager, defer, joinedload

from portal.clock import today
from portal.domain import admissibility, dossier_states
from portal.extensions import db
from portal.mail import addresses
from portal.models import (
    Application,
    ChangeNotice,
    Document,
    Dossier,
    DossierEvent,
    InformationRequest,
    MailAddress,
    User,
    WopRequest,
)
from portal.services.dossiers import answers, decision_terms, urgency
from portal.services.dossiers.sql_dates import DaysBetween


def _deadline(decided: str | None, received_on: date, suspended_days: int | None,
              suspended_since: date | None, on: date) -> date | None:
    """The admissibility deadline from a dossier's columns, while admissibility is not decided yet."""
    if decided is not None:
        return None
    return admissibility.admissibility_deadline(received_on, suspended_days or 0, suspended_since, on)


def deadline(application: Application) -> date | None:
    """The admissibility deadline, while admissibility is not decided yet."""
    dossier = application.dossier
    if dossier is None:
        return None
    return _deadline(application.admissibility, dossier.received_on, dossier.suspended_days,
                     dossier.suspended_since, today())


def processing_deadline(application: Application) -> date | None:
    """The decision deadline while the dossier is not final: 30 days for individueel maatwerk, 120 for
    an evaluation request, from receipt (seed 003)."""
    dossier = application.dossier
    if dossier is None or dossier_states.is_final(status(application)):
        return None
    return admissibility.processing_deadline(application.measure, dossier.received_on, dossier.suspended_days or 0,
                                             dossier.suspended_since, today(), application.kind,
                                             decision_terms.is_vop_evaluation(application))


def days_left(application: Application) -> int | None:
    due = deadline(application)
    return None if due is None else admissibility.days_left(due, today())


def status(application: Application) -> dossier_states.Status:
    return dossier_states.Status(application.state, application.admissibility)


def end_of(application: Application) -> date | None:
    """The grant's end; none while payment continues after it for an evaluation filed in time (seed 003)."""
    if application.dossier is None or continuing_evaluation(application) is not None:
        return None
    return application.dossier.end


def _preload_evaluations(applications) -> None:
    from portal.services.dossiers import evaluations

    evaluations.preload_requests_about(applications)


def continuing_evaluation(application: Application) -> Application | None:
    from portal.services.dossiers import evaluations

    return evaluations.payment_continues(application)


def label(application: Application) -> str:
    """The dossier's state as applicant and staff read it; "Beëindigd" once the grant's end date has passed."""
    return dossier_states.label(status(application), end_of(application), today())


def labels(applications: list[Application]) -> dict[int, str]:
    """Each submitted application's `label`, for a list: the evaluation requests of the ended grants
    among them asked in one query, not one per row."""
    _preload_evaluations(applications)
    return {application.id: label(application) for application in applications}


def next_step(application: Application) -> str:
    continuing = continuing_evaluation(application)
    if continuing is not None:
        return (f"De einddatum ({application.dossier.end:%d/%m/%Y}) is voorbij, maar uw aanvraag tot evaluatie "
                f"{continuing.number} werd tijdig ingediend: de premie wordt verder betaald tot het departement "
                "beslist (seed 003).")
    step = dossier_states.next_step(status(application), end_of(application), today())
    dossier = application.dossier
    if dossier is not None and dossier.left_service_on is not None and application.state == dossier_states.GOEDGEKEURD:
        verb = "liep" if dossier.end < today() else "loopt"
        return (f"De werknemer is uit dienst (laatste werkdag {dossier.left_service_on:%d/%m/%Y}): de premie "
                f"{verb} tot het einde van dat kwartaal, {dossier.end:%d/%m/%Y}.")
    return step


# What a list of dossiers never shows: the checks, reasons and letters' texts (two of them JSON,
# parsed for every row, were a third of the cost of loading a page of 50).
NOT_LISTED = (Dossier.checks, Dossier.reasons, Dossier.proposed_refusal, Dossier.decision_text)


def _not_listed():
    return [defer(column) for column in NOT_LISTED]


def of_enterprise(enterprise_id: int, measures, page: int = 1, size: int = 50) -> "QueuePage":
    """The enterprise's submitted dossiers of these measures, newest first, one page of them: the
    dossier joined in and the documents counted in the same query (`document_count`), so a page
    costs the same few queries however many dossiers the enterprise has."""
    query = db.select(Application).filter(Application.enterprise_id == enterprise_id, Application.state != "draft",
                                          Application.measure.in_(sorted(measures)))
    counting = query.with_only_columns(db.func.count(Application.id)).order_by(None)
    counted = (db.select(db.func.count(Document.id)).where(Document.application_id == Application.id)
               .correlate(Application).scalar_subquery())
    listed = (query.add_columns(counted, counting.scalar_subquery())
              .options(defer(Application.answers), joinedload(Application.dossier).options(*_not_listed()))
              .order_by(Application.submitted_at.desc(), Application.id.desc()).limit(size))
    number = max(page, 1)
    # The total comes along as a column of the page (one round trip); only a page past the last,
    # which finds no row to carry it, counts apart and shows the last page.
    found = db.session.execute(listed.offset((number - 1) * size)).all()
    total = found[0][2] if found else db.session.scalar(counting) if number > 1 else 0
    pages = max(1, -(-total // size))
    if not found and number > pages:
        number = pages
        found = db.session.execute(listed.offset((number - 1) * size)).all()
    for application, documents, _ in found:
        application.document_count = documents
    _preload_evaluations([application for application, _, _ in found])
    return QueuePage([application for application, _, _ in found], total, number, pages)


def get_for_enterprise(enterprise_id: int, application_id: int) -> Application:
    """The enterprise's own dossier, or 404 (never another enterprise's, never a draft)."""
    application = db.session.scalar(db.select(Application).filter(
        Application.id == application_id, Application.enterprise_id == enterprise_id, Application.state != "draft"))
    if application is None or application.dossier is None:
        abort(404)
    return application


def get_for_staff(application_id: int) -> Application:
    application = db.session.get(Application, application_id)
    if application is None or application.dossier is None:
        abort(404)
    return application


def history(application: Application) -> list[DossierEvent]:
    return list(db.session.scalars(
        db.select(DossierEvent).filter_by(application_id=application.id).order_by(DossierEvent.at, DossierEvent.id)))


def requests(application: Application) -> list[InformationRequest]:
    return list(db.session.scalars(db.select(InformationRequest).filter_by(
        application_id=application.id, enterprise_id=application.enterprise_id).order_by(InformationRequest.id)))


def document(application: Application, document_id: int) -> Document:
    found = db.session.scalar(db.select(Document).filter_by(
        id=document_id, application_id=application.id, enterprise_id=application.enterprise_id))
    if found is None:
        abort(404)
    return found


DEADLINE_FILTERS = {"": "Alle", "verlopen": "Termijn verstreken", "2": "Nog 2 dagen of minder", "7": "Nog 7 dagen of minder"}


@dataclass(frozen=True)
class QueueRow:
    application: Application
    days_left: int | None  # until the admissibility deadline
    label: str
    processing_deadline: date | None = None  # individueel maatwerk: 30 days; an evaluation: 120 (seed 003)
    processing_days_left: int | None = None

    @property
    def soonest(self) -> int | None:
        """Days left until whichever deadline comes first."""
        return _soonest(self.days_left, self.processing_days_left)


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    number: int
    pages: int


def _soonest(*lefts: int | None) -> int | None:
    known = [left for left in lefts if left is not None]
    return min(known) if known else None


CHANGE_FILTERS = {"": "Alle dossiers", "open": "Met een wijziging die nog verwerkt moet worden",
                  "wop": "Met een vraag over het werkondersteuningspakket bij VDAB, zonder uitkomst"}




def _soonest_at_most(on: date, days: int):
    """Days left until the first deadline ≤ `days`, in a form an index serves: while the clock runs,
    urgent_on ≤ today + days (ix_dossier_urgent_on_running); while the department waits, the frozen
    urgent_on − the day the wait began (the few rows of ix_dossier_urgent_on_suspended)."""
    return db.or_(db.and_(Dossier.suspended_since.is_(None), Dossier.urgent_on <= on + timedelta(days=days)),
                  db.and_(Dossier.suspended_since.is_not(None),
                          DaysBetween(Dossier.urgent_on, Dossier.suspended_since) <= days))


def _urgency(on: date):
    """(final, days left until whichever deadline comes first) as SQL expressions: the same rules as
    QueueRow, so the queue is ordered and paged by the database, not in Python. The first deadline
    as it stands while the clock runs is stored (dossier.urgent_on, urgency.rule); days left are
    that date − today, or − the day the wait began while the department waits (the clock stopped)."""
    return urgency.final_sql(), DaysBetween(Dossier.urgent_on, db.func.coalesce(Dossier.suspended_since,
                                                                                 db.literal(on, Date)))


def work_queue(measure: str = "", state: str = "", within: str = "", page: int = 1, size: int = 50,
               changes: str = "") -> QueuePage:
    """Submitted dossiers, open ones first by days left until whichever deadline comes first (the
    7-day admissibility term, and for individueel maatwerk the 30-day decision of seed 003, 120 days
    for an evaluation request),
    filtered by measure, state, deadline and unhandled reported changes; one page of them.

    Days left depend on today, but the first deadline while the clock runs does not
    (dossier.urgent_on): the database orders and pages by it, an index giving the open dossiers in
    order: four queries (the count, the page's bound, the dossiers within it, the page) however many
    dossiers there are, and only the page shown is loaded.
    """
    on = today()
    final, soonest = _urgency(on)
    query = (db.select(Application).join(Dossier, Dossier.application_id == Application.id)
             .filter(Application.state != "draft"))
    if measure:
        query = query.filter(Application.measure == measure)
    if state == "niet_ontvankelijk":
        query = query.filter(Application.admissibility == dossier_states.NIET_ONTVANKELIJK)
    elif state:
        query = query.filter(Application.state == state, db.or_(Application.admissibility.is_(None),
                                                               Application.admissibility != dossier_states.NIET_ONTVANKELIJK))
    if changes == "open":
        query = query.filter(Application.id.in_(db.select(ChangeNotice.application_id)
                                                .where(ChangeNotice.handled_at.is_(None))))
    elif changes == "wop":  # seed 004: a correction or a signed evaluation whose outcome staff must record
        query = query.filter(Application.id.in_(db.select(WopRequest.application_id).where(
            WopRequest.sent_to_vdab_at.is_not(None), WopRequest.outcome.is_(None))))
    if within == "verlopen":
        query = query.filter(_soonest_at_most(on, -1))
    elif within in ("2", "7"):
        query = query.filter(_soonest_at_most(on, int(within)))
    if measure or state or changes or within:
        total = db.session.scalar(query.with_only_columns(db.func.count(Application.id)).order_by(None))
    else:  # every dossier is a submitted application's (made at submission, never back to a draft):
        total = db.session.scalar(db.select(db.func.count()).select_from(Dossier))  # no join of both tables
    pages = max(1, -(-total // size))
    number = min(max(page, 1), pages)
    # Whatever comes before the page's last row: open dossiers whose clock runs are in index order
    # (urgent_on), so the page's last place among those bounds the days left of every row on the
    # page (a row with more days left, none, or final, comes after all of them); the rows within
    # that bound are the running ones up to that date and the few waiting ones, both found by an
    # index. Without such a bound (a page past the running dossiers) the whole filtered set is sorted.
    bound = db.session.scalar(
        query.with_only_columns(Dossier.urgent_on)
        .filter(db.not_(final), Dossier.suspended_since.is_(None), Dossier.urgent_on.is_not(None))
        .order_by(Dossier.urgent_on).offset(number * size - 1).limit(1))
    candidates = query
    if bound is not None and (bound - on).days < 10_000:
        # Found in the dossier table alone, through its indexes, then named: joined to the
        # applications, a planner may rather read every application than look these up.
        near = db.session.scalars(db.select(Dossier.application_id)
                                  .where(_soonest_at_most(on, (bound - on).days))).all()
        candidates = query.filter(db.not_(final), Application.id.in_(near), Dossier.application_id.in_(near))
    # The order is found over narrow rows (ids and the columns of the rule), then the page's rows
    # are loaded in full: sorting whole dossiers costs three times as much.
    ids = db.session.scalars(
        candidates.with_only_columns(Application.id)
        .order_by(final, db.func.coalesce(soonest, 10_000), Application.submitted_at, Application.id)
        .limit(size).offset((number - 1) * size)).all()
    loaded = {a.id: a for a in db.session.scalars(
        db.select(Application).join(Dossier, Dossier.application_id == Application.id)
        .filter(Application.id.in_(ids), Dossier.application_id.in_(ids))
        .options(defer(Application.answers), joinedload(Application.enterprise),
                 contains_eager(Application.dossier).options(*_not_listed())))}
    shown = [loaded[i] for i in ids]
    _preload_evaluations(shown)
    rows = []
    for application in shown:
        decide_by = processing_deadline(application)
        rows.append(QueueRow(application, days_left(application), label(application), decide_by,
                             None if decide_by is None else admissibility.days_left(decide_by, on)))
    return QueuePage(rows, total, number, pages)


def unreachable(applications) -> dict[int, MailAddress]:
    """The dossiers among these whose contact e-mail a mail server refused for good, with that
    address's record: three queries however many dossiers, and none per row (the work queue
    loads its rows without their answers)."""
    ids = [a.id for a in applications if a.number]
    if not ids:
        return {}
    reported = answers.reported_contacts(ids)
    wanted = {}
    for application_id, enterprise_id, answered, creator_email in db.session.execute(
            db.select(Application.id, Application.enterprise_id, Application.answers, User.email)
            .outerjoin(User, User.id == Application.created_by_id).filter(Application.id.in_(ids))):
        email = answers.email_for(reported.get(application_id, {}), answered, creator_email)
        if email:
            wanted[(enterprise_id, addresses.normalise(email))] = application_id
    if not wanted:
        return {}
    refused = db.session.scalars(db.select(MailAddress).filter(
        MailAddress.undeliverable_at.is_not(None),
        MailAddress.enterprise_id.in_({enterprise for enterprise, _ in wanted}),
        MailAddress.email.in_({email for _, email in wanted})))
    return {wanted[(a.enterprise_id, a.email)]: a for a in refused if (a.enterprise_id, a.email) in wanted}
