"""The applicant's home: "Start nieuwe aanvraag" with one tile per measure."""

from flask import Blueprint, abort, g, redirect, render_template

from portal.auth.session import enterprise_required, landing_url
from portal.domain import rights
from portal.domain.measures import get_measure
from portal.wizard import flows, service

bp = Blueprint("loket", __name__)


@bp.get("/")
def index():
    """Logged out: the welcome page; logged in: where the user belongs."""
    if g.user is None:
        return render_template("loket/welcome.html")
    return redirect(landing_url())


@bp.get("/aanvraag")
@enterprise_required
def start():
    """Start nieuwe aanvraag: the tiles, lighter where the user lacks the measure's right."""
    return render_template("loket/start.html", tiles=rights.tiles(set(g.rights)))


def require_measure_right(code: str):
    """Abort with 404 for an unknown measure, 403 with the way to obtain the right for a missing one."""
    measure = get_measure(code)
    if measure is None:
        abort(404)
    if not rights.may_apply(set(g.rights), code):
        abort(403, description=rights.how_to_obtain(measure))
    return measure


@bp.get("/aanvraag/<measure>")
@enterprise_required
def measure_home(measure):
    """The measure's entry point; the tile links here and so does a typed URL."""
    chosen = require_measure_right(measure)
    definition = flows.FLOWS.get(measure)
    if definition is None:
        return render_template("loket/measure_unavailable.html", measure=chosen)
    drafts = [a for a in service.applications_of(g.enterprise) if a.measure == measure and a.is_draft]
    return render_template(definition.start_template, measure=chosen, drafts=drafts, **definition.start_context())
