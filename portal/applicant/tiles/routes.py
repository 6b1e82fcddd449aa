"""The applicant's home: "Start nieuwe aanvraag" with one tile per measure."""

from flask import g, redirect, render_template

from portal.applicant.tiles import bp
from portal.auth.actor import enterprise_required, landing_url, require_measure_right
from portal.domain import rights
from portal.services.applications import drafts, flows


@bp.get("/")
def index():
    """Logged out: the welcome page; logged in: where the user belongs."""
    if g.user is None:
        return render_template("tiles/welcome.html")
    return redirect(landing_url())


@bp.get("/aanvraag")
@enterprise_required
def start():
    """Start nieuwe aanvraag: the tiles, lighter where the user lacks the measure's right."""
    return render_template("tiles/start.html", tiles=rights.tiles(set(g.rights)))


@bp.get("/aanvraag/<measure>")
@enterprise_required
def measure_home(measure):
    """The measure's entry point; the tile links here and so does a typed URL."""
    chosen = require_measure_right(measure)
    definition = flows.FLOWS.get(measure)
    if definition is None:
        return render_template("tiles/measure_unavailable.html", measure=chosen)
    found = [a for a in drafts.applications_of(g.enterprise, {measure}) if a.is_draft]
    return render_template(definition.start_template, measure=chosen, drafts=found, paper=bool(g.get("paper")),
                           **definition.start_context(g.enterprise))
