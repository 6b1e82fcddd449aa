"""The evaluation requests about a grant, and whether its premium is paid on after the end date for
one of them (seed 003, "Hoe verloopt een aanvraag tot evaluatie?"). Here, below services.dossiers,
because two callers need the same answer: the dossier pages (through services.dossiers.evaluations)
and the wizard's one-application-per-employee check (drafts.WizardState), which may not import
services.dossiers (that package imports this one: an import cycle)."""


from portal.clock import today
from portal.domain import dossier_states, evaluations
from portal.extensions import db
from portal.models import Application


def requests_about(parents: list[Application]) -> dict[int, list[Application]]:
    """The submitted evaluation requests about each of these grants, in one query: a VOP's
    individueel-maatwerk applications, an individueel-maatwerk grant's "evaluatie" requests; in the
    grant's own enterprise, oldest first."""
    by_id = {parent.id: parent for parent in parents}
    found = {parent_id: [] for parent_id in by_id}
    if not by_id:
        return found
    for child in db.session.scalars(db.select(Application).filter(
            Application.parent_id.in_(list(by_id)), Application.state != "draft",
            db.or_(Application.measure == "im", Application.kind == evaluations.EVALUATION)).order_by(Application.id)):
        parent = by_id[child.parent_id]
        about_it = child.measure == "im" if parent.measure == "vop" else child.kind == evaluations.EVALUATION
        if about_it and child.enterprise_id == parent.enterprise_id:
            found[parent.id].append(child)
    return found


def past_its_end(parent: Application) -> bool:
    """An approved grant whose end date has passed: only then can its premium be paid on after it."""
    dossier = parent.dossier
    return (parent.state == dossier_states.GOEDGEKEURD and dossier is not None and dossier.end is not None
            and today() > dossier.end)


def continuing(parent: Application, requests: list[Application]) -> Application | None:
    """Of these evaluation requests about the grant, the one for which its premium is paid on after
    the end date: admissible, filed at least 5 months before the end, not decided yet (seed 003)."""
    if not past_its_end(parent):
        return None
    end = parent.dossier.end
    for request in requests:
        decided = dossier_states.is_final(dossier_states.Status(request.state, request.admissibility))
        if evaluations.continues_payment(request.applied_on, request.admissibility == dossier_states.ONTVANKELIJK,
                                         decided, end, today()):
            return request
    return None


def paid_on(parents: list[Application]) -> set[int]:
    """The ids of those grants whose premium is paid on after their end date for an evaluation
    request, asked in one query for all of them (none when no grant's end date has passed)."""
    ended = [parent for parent in parents if past_its_end(parent)]
    found = requests_about(ended)
    return {parent.id for parent in ended if continuing(parent, found[parent.id]) is not None}
