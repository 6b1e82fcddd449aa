"""The enterprise's VOP base applications as grants, and the kind choice they open. Every query
is scoped by the enterprise."""

from portal.clock import today
from portal.domain import vop
from portal.domain.vop_kinds import Grant, availability
from portal.extensions import db
from portal.models import Application, Dossier


def grants_of(enterprise, application_id: int | None = None) -> list[Grant]:
    """The enterprise's submitted VOP base applications, with the end of the grant once decided (or
    only the one with this id)."""
    query = (db.select(Application, Dossier.end)
             .outerjoin(Dossier, Dossier.application_id == Application.id)
             .filter(Application.enterprise_id == enterprise.id, Application.measure == "vop",
                     Application.kind == vop.BASIS, Application.state != "draft")
             .order_by(Application.submitted_at))
    rows = db.session.execute(query if application_id is None else query.filter(Application.id == application_id))
    return [
        Grant(application.id, application.number or "", application.employee_national_number or "",
              application.employee_name or "", "zelfstandige" in (application.answers or {}),
              "niet_ontvankelijk" if application.admissibility == "niet_ontvankelijk" else application.state, end)
        for application, end in rows
    ]


def kinds_for(enterprise) -> dict:
    return availability(grants_of(enterprise), today(), enterprise.is_self_employed)


def start_context(enterprise) -> dict:
    """What the kind choice shows: every kind, available or with its reason."""
    return {"kinds": kinds_for(enterprise)}
