"""Which term the department has to decide a dossier (seed 003): 30 days for individueel maatwerk,
120 for an evaluation request. The rule itself is admissibility.decision_term; this module tells,
from an application's columns, which kind of request it is. Imports nothing from the other
services, so notices, queries and actions can all ask it."""

from portal.domain import admissibility
from portal.models import Application


def is_vop_evaluation(application: Application) -> bool:
    """A new individueel-maatwerk application marked as evaluation of a VOP (seed 003): started from the
    VOP's dossier, which it points to. In SQL: urgency.VOP_EVALUATION."""
    return application.measure == "im" and application.kind == "nieuw" and application.parent_id is not None


def is_evaluation_request(application: Application) -> bool:
    """An evaluation request: the "evalueren" request of an individueel-maatwerk grant or a VOP evaluation."""
    return application.kind == "evaluatie" or is_vop_evaluation(application)


def decision_term(application: Application) -> int | None:
    """The days the department has to decide this dossier (30, 120 or none)."""
    return admissibility.decision_term(application.measure, application.kind, is_vop_evaluation(application))
