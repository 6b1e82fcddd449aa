"""What every wizard page needs: the enterprise's application (scoped, with the measure's right),
a step's URL, and the step indicator ("Stap 2 van 6")."""

from flask import abort, g, redirect, url_for

from portal.auth.actor import require_measure_right
from portal.domain import wizard
from portal.services.applications import drafts
from portal.services.applications.flows import flow_for


def load(application_id: int, editable: bool = True):
    """The enterprise's application (404 for others); a submitted one cannot be edited."""
    application = drafts.get_application(g.enterprise, application_id)
    require_measure_right(application.measure)
    if editable and not application.is_draft:
        abort(redirect(url_for("wizard.receipt", application_id=application.id), code=303))
    return application


def step_url(application, step) -> str:
    if step is None:
        return url_for("wizard.review", application_id=application.id)
    return url_for("wizard.step", application_id=application.id, step_key=step.key)


def indicator(application, ctx, current: str | None):
    definition = flow_for(application.measure).flow
    steps = definition.applicable(ctx)
    return [
        {"step": s, "number": i + 1, "url": step_url(application, s), "done": wizard.is_done(s, ctx),
         "current": s.key == current, "open": wizard.may_open(definition, ctx, s.key)}
        for i, s in enumerate(steps)
    ]
