"""Requests about an existing dossier that become dossiers of their own: an evaluation of a running
grant (seed 003) and a reconsideration of a refused VOP (seeds 000, 001). Each copies what its dossier
knows (contact, employee, premium), points to it (`parent_id`), is judged by staff (no automatic
source check: the facts are the dossier's) and is listed in the work queue."""

from datetime import date

from portal.clock import today
from portal.domain import dossier_states
from portal.extensions import db
from portal.models import Application
from portal.services.dossiers import submission
from portal.services.dossiers.transitions import record
from portal.uploads import checks, documents

LINKED_KINDS = ("evaluatie", "heroverweging")


def is_linked(application: Application) -> bool:
    return application.kind in LINKED_KINDS


def children(parent: Application, kind: str) -> list[Application]:
    """The requests of this kind about the dossier, in the dossier's own enterprise, oldest first."""
    return list(db.session.scalars(db.select(Application).filter(
        Application.parent_id == parent.id, Application.enterprise_id == parent.enterprise_id,
        Application.kind == kind, Application.state != "draft").order_by(Application.id)))


def is_open(application: Application) -> bool:
    """Not decided and not closed as not admissible."""
    return not dossier_states.is_final(dossier_states.Status(application.state, application.admissibility))


def file(parent: Application, user, kind: str, extra: dict, files: list[tuple[str, str, bytes]],
         action: str, reason: str) -> Application:
    """File the request: every file is checked first (all or none; UploadRefused), then the request
    is submitted with its documents and the parent's history notes it."""
    for _kind, name, content in files:
        checks.check(checks.clean_name(name), content)
    answers = {key: dict(value) for key, value in (parent.answers or {}).items() if isinstance(value, dict)}
    answers.pop("papier", None)
    answers[kind] = {**extra, "dossier": parent.number}
    child = Application(enterprise_id=parent.enterprise_id, establishment_id=parent.establishment_id,
                        created_by_id=user.id, measure=parent.measure, kind=kind,
                        applicant_type=parent.applicant_type, answers=answers, parent_id=parent.id,
                        employee_national_number=parent.employee_national_number, employee_name=parent.employee_name)
    db.session.add(child)
    db.session.flush()
    submission.submit(child, user, check=False)
    record(parent, action, dossier_states.APPLICANT, user, f"{reason} ({child.number})")
    db.session.commit()
    for doc_kind, name, content in files:
        documents.store(child, doc_kind, name, content, user)
    return child


def filed_on(application: Application) -> date:
    return application.submitted_at.date() if application.submitted_at else today()
