"""Staff record what VDAB did with an employer's WOP correction or evaluation (seed 004): the
workplace talk, the outcome and the registered letter; the applicant's dossier page then shows
VDAB's 20-day term and, for a refusal, the HOC and the labour court's two months."""

from flask import flash, g, redirect, url_for

from portal.auth.actor import staff_required
from portal.services import audit
from portal.services.dossiers import queries, wop_requests
from portal.staff import bp, forms
from portal.staff.dossiers import _page


@bp.post("/dossiers/<int:application_id>/wop/<int:request_id>/uitkomst")
@staff_required
def wop_outcome(application_id, request_id):
    """Record VDAB's outcome of a WOP request that reached VDAB."""
    application = queries.get_for_staff(application_id)
    row = wop_requests.get(application, request_id)
    if row is None or row.sent_to_vdab_at is None or row.outcome is not None:
        flash("Voor deze vraag aan VDAB kan geen uitkomst (meer) geregistreerd worden.")
        return redirect(url_for(".dossier", application_id=application.id), 303)
    form = forms.WopOutcomeForm().offer(wop_requests.OUTCOMES, row)
    if not form.validate_on_submit():
        return _page(application, 422, wop_forms={row.id: form})
    audit.record("wop_uitkomst", g.user, application_id=application.id, enterprise_id=application.enterprise_id,
                 detail=wop_requests.OUTCOMES[form.outcome.data])
    wop_requests.record_outcome(row, g.user, form.outcome.data, form.talk_on.data, form.letter_on.data)  # commits
    flash("De uitkomst van VDAB is geregistreerd.")
    return redirect(url_for(".dossier", application_id=application.id), 303)
