"""Evaluation requests of a running individueel-maatwerk grant (seed 003, "Evaluatie aanvragen"):
whether the "Evalueren" button shows, filing the request with its documents, what a decided
evaluation changes, and whether payment continues while the department has not decided."""

from datetime import date, timedelta

from portal.clock import today
from portal.domain import dossier_states, evaluations
from portal.extensions import db
from portal.models import Application
from portal.services.applications import evaluation_requests
from portal.services.dossiers import answers, decision_terms, linked
from portal.services.dossiers.transitions import record


class NotAllowed(Exception):
    """This evaluation cannot be asked for this dossier today."""


def of(parent: Application) -> list[Application]:
    return linked.children(parent, evaluations.EVALUATION)


def _pending_or_granted(parent: Application) -> bool:
    return any(linked.is_open(e) or e.state == dossier_states.GOEDGEKEURD for e in of(parent))


def options(parent: Application) -> list[evaluations.Availability] | None:
    """Height and duration: allowed today, or why not and from when; None for a dossier that is not
    a granted individueel-maatwerk premium (nothing to evaluate, nothing to explain)."""
    dossier = parent.dossier
    if parent.measure != "im" or parent.state != dossier_states.GOEDGEKEURD or dossier is None \
            or dossier.left_service_on is not None:
        return None
    return evaluations.availability(parent.measure, dossier.begin, dossier.end, dossier.vdab_evaluated_on, today(),
                                    _pending_or_granted(parent))


def allowed(parent: Application) -> list[str]:
    return evaluations.allowed_kinds(options(parent) or [])


def required_documents(parent: Application) -> list[evaluations.RequiredDocument]:
    return evaluations.required_documents(parent.applicant_type, answers.premium(parent))


def request(parent: Application, user, kind: str, motivation: str, files: list[tuple[str, str, bytes]]) -> Application:
    """File the evaluation request; raises NotAllowed, or UploadRefused for a refused file."""
    if kind not in allowed(parent):
        raise NotAllowed(kind)
    extra = {"soort": kind, "grant_end": parent.dossier.end.isoformat(), "toelichting": motivation}
    return linked.file(parent, user, evaluations.EVALUATION, extra, files, "evaluatie_aanvragen",
                       evaluations.KINDS[kind])


def kind_of(application: Application) -> str | None:
    return application.answer(evaluations.EVALUATION, "soort")


def previous_end(application: Application) -> date | None:
    raw = application.answer(evaluations.EVALUATION, "grant_end")
    return date.fromisoformat(raw) if raw else None


def decided(application: Application, staff) -> None:
    """An approved evaluation: VDAB evaluated on the day staff recorded, or else (as far as the portal
    knows) on the day of the decision; the next height evaluation waits 2 years from it. A changed
    height replaces the running grant from the new begin (seed 003), and so does the individueel-
    maatwerk premium granted on a VOP's evaluation: one premium for the employee at a time. The
    caller commits."""
    dossier = application.dossier
    dossier.vdab_evaluated_on = dossier.vdab_evaluated_on or dossier.decided_on
    parent = application.parent
    if parent is None or parent.dossier is None or parent.dossier.end is None:
        return
    of_vop = decision_terms.is_vop_evaluation(application)
    if (of_vop or kind_of(application) == evaluations.HEIGHT) and dossier.begin <= parent.dossier.end:
        parent.dossier.end = dossier.begin - timedelta(days=1)
        what = "de evaluatie" if of_vop else "de evaluatie van de hoogte"
        new = "de premie voor individueel maatwerk" if of_vop else "de nieuwe premie"
        record(parent, "einddatum_wijzigen", dossier_states.STAFF, staff,
               f"Na {what} ({application.number}) loopt deze premie tot "
               f"{parent.dossier.end:%d/%m/%Y}; {new} begint op {dossier.begin:%d/%m/%Y}.")
    else:
        record(parent, "evaluatie_beslist", dossier_states.STAFF, staff,
               f"Evaluatie {application.number} goedgekeurd: nieuwe premie van {dossier.begin:%d/%m/%Y} "
               f"tot {dossier.end:%d/%m/%Y}.")


def requests_about(parent: Application) -> list[Application]:
    """Every submitted evaluation request about this grant (seed 003): the "evalueren" requests of an
    individueel-maatwerk grant, or the individueel-maatwerk applications marked as evaluation of a VOP
    (preloaded for the rows of a list, else asked now)."""
    preloaded = parent.__dict__.get(_PRELOADED)
    return preloaded if preloaded is not None else _requests_about([parent])[parent.id]


_PRELOADED = "_loket_requests_about"


def preload_requests_about(parents: list[Application]) -> None:
    """The evaluation requests about every grant of a list whose end date has passed, in one query
    (the lists ask payment_continues for each row, which would otherwise ask the database per row)."""
    ended = [parent for parent in parents if _past_its_end(parent)]
    found = _requests_about(ended) if ended else {}
    for parent in ended:
        parent.__dict__[_PRELOADED] = found[parent.id]


def _requests_about(parents: list[Application]) -> dict[int, list[Application]]:
    return evaluation_requests.requests_about(parents)


def _past_its_end(parent: Application) -> bool:
    return evaluation_requests.past_its_end(parent)


def payment_continues(parent: Application) -> Application | None:
    """The evaluation request for which payment continues after the end date (seed 003), if any: for
    an individueel-maatwerk grant and for a VOP alike ("Hoe verloopt een aanvraag tot evaluatie?").
    The rule itself is in services.applications.evaluation_requests, which the wizard asks too."""
    if not _past_its_end(parent):
        return None  # (the premium can only be paid on after its end date: no query before it)
    return evaluation_requests.continuing(parent, requests_about(parent))


# --- a VOP of indefinite duration: evaluated through a new individueel-maatwerk application ---------

VOP_EVALUATION = "vop_evaluatie"  # the answers' key marking an individueel-maatwerk application as such


def vop_evaluation_possible(parent: Application) -> bool:
    """A running VOP of 5 years (indefinite duration, seed 003); not one of fixed term (at most 2 years,
    "U moet in dit geval een nieuwe aanvraag indienen na het verlopen")."""
    dossier = parent.dossier
    return (parent.measure == "vop" and parent.state == dossier_states.GOEDGEKEURD and dossier is not None
            and dossier.begin is not None and dossier.end is not None and dossier.left_service_on is None
            and dossier.begin <= today() <= dossier.end and evaluations.is_five_year(dossier.begin, dossier.end))


def vop_evaluations(parent: Application) -> list[Application]:
    """The individueel-maatwerk applications (drafts included) started as an evaluation of this VOP."""
    return list(db.session.scalars(db.select(Application).filter(
        Application.parent_id == parent.id, Application.enterprise_id == parent.enterprise_id,
        Application.measure == "im").order_by(Application.id)))


def start_vop_evaluation(parent: Application, user) -> Application:
    """An individueel-maatwerk draft marked as an evaluation of the VOP, with what the VOP dossier knows
    (contact person, employee) filled in; the draft already started is returned on a second click."""
    if not vop_evaluation_possible(parent):
        raise NotAllowed(VOP_EVALUATION)
    for started in vop_evaluations(parent):
        if started.is_draft:
            return started
    reported = answers.reported_contact(parent)
    contact = {"name": answers.contact_name(parent, reported), "email": answers.contact_email(parent, reported),
               "phone": reported.get("phone") or parent.answer("contact", "phone")}
    prefilled = {"contact": {k: v for k, v in contact.items() if v}, VOP_EVALUATION: {"dossier": parent.number}}
    if "werknemer" in (parent.answers or {}):
        prefilled["werknemer"] = dict(parent.answers["werknemer"])
    draft = Application(enterprise_id=parent.enterprise_id, establishment_id=parent.establishment_id,
                        created_by_id=user.id, measure="im", kind="nieuw", applicant_type=parent.applicant_type,
                        answers=prefilled, parent_id=parent.id, employee_national_number=parent.employee_national_number,
                        employee_name=parent.employee_name)
    db.session.add(draft)
    db.session.flush()
    record(parent, "vop_evaluatie_starten", dossier_states.APPLICANT, user,
           "Aanvraag individueel maatwerk gestart als evaluatie van deze VOP.")
    db.session.commit()
    return draft
