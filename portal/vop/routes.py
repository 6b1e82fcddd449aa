"""The VOP kind choice (basisaanvraag, verhoging, verlenging) and the receipt's premium quarter.
The steps themselves are the generic wizard's (portal/wizard, flow in portal/wizard/flows.py)."""

from datetime import date

from flask import Blueprint, g, redirect, render_template

from portal.auth.session import enterprise_required
from portal.domain import vop
from portal.dossier import answers
from portal.loket.routes import require_measure_right
from portal.vop import grants, paper, service
from portal.vop.forms import StartForm
from portal.wizard import service as wizard_service
from portal.wizard.flows import flow_for
from portal.wizard.routes import step_url

bp = Blueprint("vop", __name__)


@bp.post("/aanvraag/vop/soort")
@enterprise_required
def start():
    """Start a draft of the chosen kind; an unavailable kind or grant is refused with its reason."""
    measure = require_measure_right("vop")
    kinds = grants.kinds_for(g.enterprise)
    form = StartForm(kinds=kinds)
    if not form.validate_on_submit():
        drafts = [a for a in wizard_service.applications_of(g.enterprise) if a.measure == "vop" and a.is_draft]
        return render_template("vop/start.html", measure=measure, drafts=drafts, kinds=kinds, form=form,
                               paper=bool(g.get("paper"))), 422
    grant = form.chosen_grant() if form.kind.data != vop.BASIS else None
    application = service.start(g.enterprise, g.establishment, g.user, form.kind.data, grant, paper.received_on())
    first = flow_for("vop").flow.applicable(wizard_service.context_for(application))[0]
    return redirect(step_url(application, first), code=303)


@bp.app_template_filter("vop_premiekwartaal")
def premium_quarter(application):
    """Seed 001: the premium runs from the quarter of application: for a paper application, the
    quarter it was received in."""
    quarter, first_day = vop.premium_start(answers.applied_on(application))
    end = application.answer("soort", "grant_end")
    return {"quarter": quarter, "first_day": first_day, "grant_end": date.fromisoformat(end) if end else None}
