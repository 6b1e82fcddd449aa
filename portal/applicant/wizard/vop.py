"""The VOP kind choice (basisaanvraag, verhoging, verlenging) and the receipt's premium quarter.
The steps themselves are the wizard's (the VOP flow in portal/services/applications/flows.py)."""

from datetime import date

from flask import g, redirect, render_template

from portal.applicant.wizard import bp
from portal.applicant.wizard.forms import StartForm
from portal.applicant.wizard.pages import step_url
from portal.auth import paper_mode
from portal.auth.actor import enterprise_required, require_measure_right
from portal.domain import vop
from portal.services.applications import drafts, grants
from portal.services.applications.flows import flow_for


@bp.post("/aanvraag/vop/soort")
@enterprise_required
def vop_start():
    """Start a draft of the chosen kind; an unavailable kind or grant is refused with its reason."""
    measure = require_measure_right("vop")
    kinds = grants.kinds_for(g.enterprise)
    form = StartForm(kinds=kinds)
    if not form.validate_on_submit():
        found = [a for a in drafts.applications_of(g.enterprise, {"vop"}) if a.is_draft]
        return render_template("wizard/vop_start.html", measure=measure, drafts=found, kinds=kinds, form=form,
                               paper=bool(g.get("paper"))), 422
    grant = form.chosen_grant() if form.kind.data != vop.BASIS else None
    application = drafts.start_vop_draft(g.enterprise, g.establishment, g.user, form.kind.data, grant, paper_mode.received_on())
    first = flow_for("vop").flow.applicable(drafts.context_for(application))[0]
    return redirect(step_url(application, first), code=303)


@bp.app_template_filter("vop_premiekwartaal")
def premium_quarter(application):
    """Seed 001: the premium runs from the quarter of application: for a paper application, the
    quarter it was received in."""
    quarter, first_day = vop.premium_start(application.applied_on)
    end = application.answer("soort", "grant_end")
    return {"quarter": quarter, "first_day": first_day, "grant_end": date.fromisoformat(end) if end else None}
