"""A VOP draft started for one kind; an increase or extension starts from its base application."""

from portal.domain.vop_kinds import Grant
from portal.extensions import db
from portal.models import Application
from portal.wizard import service as wizard_service


def start(enterprise, establishment, user, kind: str, grant: Grant | None, paper_received_on: str | None) -> Application:
    """A draft of this kind; an increase or extension starts from its base application's answers.
    A paper application entered by staff keeps the day the form was received."""
    application = wizard_service.start_draft(enterprise, establishment, user, "vop", kind)
    application.paper = paper_received_on is not None
    if grant is not None:
        base = wizard_service.get_application(enterprise, grant.application_id)
        answers = {key: dict(value) for key, value in (base.answers or {}).items()
                   if key in ("voor_wie", "contact", "werknemer", "zelfstandige")}
        answers["soort"] = {"basis_id": base.id, "basis_number": base.number,
                            "national_number": base.employee_national_number,
                            "grant_end": grant.end.isoformat() if grant.end else None}
        application.answers = answers
        application.employee_national_number = base.employee_national_number
        application.employee_name = base.employee_name
    if paper_received_on is not None:
        application.answers = {**(application.answers or {}), "papier": {"ontvangen_op": paper_received_on}}
    db.session.commit()
    return application
