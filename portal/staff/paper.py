"""A paper VOP application, entered by department staff on the applicant's behalf (seed 001: "Een
aanvraag op papier indienen kan ook"). Staff pick the enterprise (and school) and the day the form
arrived, then walk the same wizard (portal/auth/paper_mode.py); the application is marked `paper`."""

from flask import redirect, render_template, request, url_for

from portal.auth import paper_mode
from portal.auth.actor import staff_required
from portal.forms import EmptyForm
from portal.staff import bp
from portal.staff.forms import PaperForm


@bp.route("/papieren-aanvraag/", methods=["GET", "POST"])
@staff_required
def paper_start():
    """Pick the applicant and the day of receipt, then continue in the VOP wizard."""
    form = PaperForm().setup()
    if form.validate_on_submit():
        enterprise_id, _, establishment_id = form.applicant.data.partition(":")
        paper_mode.begin(int(enterprise_id), int(establishment_id) if establishment_id else None,
                         form.received_on.data.isoformat())
        return redirect(url_for("tiles.measure_home", measure="vop"), code=303)
    status = 422 if request.method == "POST" else 200
    return render_template("staff/paper.html", form=form), status


@bp.post("/papieren-aanvraag/stoppen")
@staff_required
def paper_stop():
    """Stop acting for the applicant."""
    if EmptyForm().validate_on_submit():
        paper_mode.end()
    return redirect(url_for("staff.home"), code=303)
