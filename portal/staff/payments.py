"""Payment runs: each measure's quarter as the calculation gathered it, approved by a handler, with
its SEPA credit-transfer file (pain.001) for the bank."""

from flask import abort, flash, g, make_response, redirect, render_template, url_for

from portal.auth.actor import staff_required
from portal.clock import today
from portal.forms import EmptyForm
from portal.services import audit
from portal.services.payments import runs, sepa
from portal.staff import bp


def _run(run_id: int):
    found = runs.get(run_id)
    if found is None:
        abort(404)
    return found


@bp.get("/betalingen")
@staff_required
def payment_runs():
    """Every payment run with its number of dossiers, total and state."""
    return render_template("staff/payment_runs.html", summaries=runs.overview(),
                           without_account=runs.waiting_without_account())


@bp.get("/betalingen/<int:run_id>")
@staff_required
def payment_run(run_id):
    """One run: per enterprise its dossiers and amounts, the account, the total; approve or download."""
    run = _run(run_id)
    payees = runs.payees(run)
    return render_template("staff/payment_run.html", run=run, title=runs.title(run), payees=payees,
                           total=sum((p.total for p in payees), 0), form=EmptyForm())


@bp.post("/betalingen/<int:run_id>/goedkeuren")
@staff_required
def approve_payment_run(run_id):
    """Approve the run: the lines are paid to the accounts they show, the employers get an e-mail."""
    run = _run(run_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        runs.approve(run, g.user)
    except runs.AlreadyApproved:
        flash("Deze betalingsronde was al goedgekeurd.")
    else:
        flash(f"De betalingsronde {runs.title(run)} is goedgekeurd. De werkgevers krijgen een e-mail.")
    return redirect(url_for(".payment_run", run_id=run.id), 303)


@bp.get("/betalingen/<int:run_id>/sepa.xml")
@staff_required
def payment_run_sepa(run_id):
    """The approved run as a SEPA credit-transfer file (pain.001.001.03)."""
    run = _run(run_id)
    if run.is_open:
        flash("Keur de betalingsronde eerst goed; daarna kunt u het betaalbestand downloaden.")
        return redirect(url_for(".payment_run", run_id=run.id), 303)
    body = sepa.build(run, today())
    audit.record_now("betaalbestand_gedownload", g.user, detail=runs.title(run))
    response = make_response(body)
    response.headers["Content-Type"] = "application/xml"
    response.headers["Content-Disposition"] = f'attachment; filename="betaling-{run.measure}-{run.year}-K{run.quarter}.xml"'
    response.headers["Cache-Control"] = "no-store"
    return response
