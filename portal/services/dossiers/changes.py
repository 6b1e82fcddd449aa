"""Changes the applicant reports on a dossier (seed 003, step 7), and staff handling them. Each
report is recorded with the dossier and in its history, and confirmed by e-mail in the same
transaction; a new contact person receives every later e-mail of the dossier."""

from datetime import date

from portal.clock import now, today
from portal.domain.changes import ACCOUNT, CONTACT, LEAVING, describe, end_after_leaving, last_day_problem, may_report
from portal.domain.dossier_states import APPLICANT, GOEDGEKEURD, STAFF
from portal.extensions import db
from portal.models import Application, ChangeNotice
from portal.services.dossiers import answers, notices, queries
from portal.services.dossiers.transitions import record, status_of
from portal.uploads import checks, documents


class NotAllowed(Exception):
    """This change cannot be reported on this dossier (now)."""


def kinds(application: Application) -> list[str]:
    """The changes this dossier can take now; none once it is refused, not admissible or ended (not
    while payment continues after its end for an evaluation filed in time, seed 003), and the
    employee's leaving once."""
    dossier = application.dossier
    if not may_report(status_of(application), queries.end_of(application), today()):
        return []
    if application.kind in ("evaluatie", "heroverweging") and application.state != GOEDGEKEURD:
        return []  # a request about a dossier: changes are reported on that dossier itself
    left = dossier is not None and dossier.left_service_on is not None
    return [kind for kind in answers.reportable_changes(application) if not (kind == LEAVING and left)]


def of(application: Application) -> list[ChangeNotice]:
    return list(db.session.scalars(db.select(ChangeNotice).filter_by(
        application_id=application.id, enterprise_id=application.enterprise_id).order_by(ChangeNotice.id)))


def open_for(application_ids: list[int]) -> set[int]:
    """Which of these dossiers have a change that staff did not handle yet (for the work queue)."""
    if not application_ids:
        return set()
    return set(db.session.scalars(db.select(ChangeNotice.application_id).where(
        ChangeNotice.application_id.in_(application_ids), ChangeNotice.handled_at.is_(None)).distinct()))


def summary(notice: ChangeNotice) -> str:
    """The change in one line of Dutch, for the history, the e-mail and the back office."""
    return describe(notice.kind, notice.details)


def report(application: Application, user, kind: str, details: dict, files: list[tuple[str, bytes]]) -> ChangeNotice:
    """Record the change with its documents (checked first: all or none), note it in the history
    and confirm it by e-mail. Raises NotAllowed, or UploadRefused for a refused file."""
    if kind not in kinds(application):
        raise NotAllowed(kind)
    for name, content in files:
        checks.check(checks.clean_name(name), content)
    previous = (answers.contact_email(application), answers.contact_name(application))
    notice = ChangeNotice(application_id=application.id, enterprise_id=application.enterprise_id, kind=kind,
                          details=details, reported_by_id=user.id, reported_at=now())
    db.session.add(notice)
    db.session.flush()
    names = ", ".join(name for name, _ in files)
    record(application, "wijziging_melden", APPLICANT, user,
           summary(notice) + (f"\nDocumenten: {names}" if names else ""))
    notices.change_reported(application, notice, previous if kind == CONTACT else None)
    if kind == LEAVING:
        leave(application, date.fromisoformat(details["last_day"]), APPLICANT, user)
    for name, content in files:
        documents.store(application, "wijziging", name, content, user)
    db.session.commit()
    return notice


def handle(application: Application, notice_id: int, staff) -> ChangeNotice:
    """Staff took the change into account. A new account becomes the enterprise's account for
    every later application (seed 003: one account per enterprise number)."""
    notice = db.session.scalar(db.select(ChangeNotice).filter_by(id=notice_id, application_id=application.id)
                               .with_for_update())
    if notice is None or notice.handled_at is not None:
        raise NotAllowed(notice_id)
    notice.handled_at, notice.handled_by_id = now(), staff.id
    if notice.kind == ACCOUNT:
        application.enterprise.iban = notice.details["iban"]
        application.enterprise.bank_name = notice.details.get("bank_name") or None
    record(application, "wijziging_verwerken", STAFF, staff, summary(notice))
    db.session.commit()
    return notice



def leave(application: Application, last_day: date, actor: str, user) -> None:
    """The employee left service: a granted premium ends on the last day of that quarter (never later
    than its own end), and the history says who changed it. A dossier not decided yet keeps the day,
    and its approval ends there. The caller commits."""
    if last_day_problem(last_day, application.applied_on, today()):  # the forms say why; this guards the rest
        raise NotAllowed(LEAVING)
    dossier = application.dossier
    dossier.left_service_on = last_day
    if application.state != GOEDGEKEURD or dossier.end is None:
        return
    new_end = end_after_leaving(last_day, dossier.end)
    previous, dossier.end = dossier.end, new_end
    record(application, "uit_dienst", actor, user,
           f"Laatste werkdag {last_day:%d/%m/%Y}: de premie eindigt op {new_end:%d/%m/%Y}"
           + (f" in plaats van {previous:%d/%m/%Y}." if previous != new_end else "."))


def record_leaving(application: Application, staff, last_day: date) -> ChangeNotice:
    """Staff record that the employee left (e.g. learnt from RSZ): a change notice already handled."""
    if LEAVING not in kinds(application):
        raise NotAllowed(LEAVING)
    moment = now()
    notice = ChangeNotice(application_id=application.id, enterprise_id=application.enterprise_id, kind=LEAVING,
                          details={"last_day": last_day.isoformat()}, reported_by_id=staff.id, reported_at=moment,
                          handled_by_id=staff.id, handled_at=moment)
    db.session.add(notice)
    db.session.flush()
    record(application, "wijziging_verwerken", STAFF, staff, summary(notice))
    leave(application, last_day, STAFF, staff)
    db.session.commit()
    return notice
