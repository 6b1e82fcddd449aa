"""Paper mode: a staff member entering a paper VOP application acts for its enterprise (and school)
in the applicant's tiles and wizard only, with the day the form was received (seed 001: "Een
aanvraag op papier indienen kan ook"). Staff start and stop it in the back office."""

from flask import g, request, session

from portal.extensions import db
from portal.models import Enterprise, Establishment

# The blueprints where staff act for the enterprise while entering a paper application.
PAPER_AREAS = {"tiles", "wizard"}
KEYS = ("paper_enterprise_id", "paper_establishment_id", "paper_received_on")


def init_app(app):
    app.before_request(act_for_paper_applicant)
    app.context_processor(lambda: {"paper_mode": g.enterprise if g.get("paper") else None})


def begin(enterprise_id: int, establishment_id: int | None, received_on: str) -> None:
    session["paper_enterprise_id"] = enterprise_id
    session["paper_establishment_id"] = establishment_id
    session["paper_received_on"] = received_on


def end() -> None:
    for key in KEYS:
        session.pop(key, None)


def act_for_paper_applicant():
    """Staff entering a paper application act for its enterprise in the wizard only."""
    g.paper = False
    if g.get("user") is None or not g.user.is_staff or not session.get("paper_enterprise_id"):
        return
    if request.blueprint not in PAPER_AREAS:
        return
    g.enterprise = db.session.get(Enterprise, session["paper_enterprise_id"])
    if g.enterprise is None:
        return
    establishment_id = session.get("paper_establishment_id")
    g.establishment = db.session.scalar(
        db.select(Establishment).filter_by(id=establishment_id, enterprise_id=g.enterprise.id)
    ) if establishment_id else None
    g.rights = frozenset({"vop"})
    g.paper = True


def received_on() -> str | None:
    return session.get("paper_received_on") if g.get("paper") else None
