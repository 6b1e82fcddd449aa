"""The dossier's tab "Berekeningen" (seed 003, stap 6): every paid quarter with its calculation, and
the same as a CSV file for the employer's bookkeeping. Scoped like every dossier page: the
enterprise's own dossier (404) and the right for its measure (403)."""

from flask import make_response

from portal.applicant.dossiers import bp
from portal.applicant.dossiers.routes import _dossier
from portal.auth.actor import enterprise_required
from portal.services.payments import statements
from portal.templating import page


@bp.get("/<int:application_id>/berekeningen")
@enterprise_required
def calculations(application_id):
    """Berekeningen: each paid quarter line by line, corrections apart, a total per year."""
    application = _dossier(application_id)
    return page("dossiers/calculations.html", application=application, years=statements.paid(application.id))


@bp.get("/<int:application_id>/berekeningen.csv")
@enterprise_required
def calculations_csv(application_id):
    """The Berekeningen as CSV (semicolons, decimal commas) for the bookkeeping."""
    application = _dossier(application_id)
    response = make_response(statements.as_csv(application.number, statements.paid(application.id)))
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="berekeningen-{application.number}.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response
