"""The authentic sources' reference data staff load as CSV: VDAB, RSZ (employments and quarterly
declarations), Onderwijs, the recognised service providers and the parameters of the premium
calculation. Each load is recorded in the audit trail."""

from flask import flash, g, redirect, render_template, url_for

from portal.auth.actor import staff_required
from portal.services import audit
from portal.sources import reference
from portal.staff import bp, forms


@bp.route("/dossiers/bronnen", methods=["GET", "POST"])
@staff_required
def sources():
    """Load reference data for VDAB, RSZ, Onderwijs or the recognised service providers from a CSV file."""
    form = forms.ReferenceUploadForm()
    if form.validate_on_submit():
        try:
            count = reference.load(form.source.data, form.file.data.read())
        except reference.ReferenceError as error:
            form.file.errors = list(error.problems)
        else:
            label = dict(forms.SOURCES)[form.source.data]
            audit.record_now("referentiegegevens_geladen", g.user, detail=f"{label}: {count} regel(s)")
            flash(f"{count} regel(s) geladen voor {label}.")
            return redirect(url_for(".sources"), 303)
    status = 422 if form.errors or form.file.errors else 200
    return render_template("staff/sources.html", form=form, sources=forms.SOURCES,
                           columns=reference.COLUMNS,
                           optional={source: reference.OPTIONAL_COLUMNS.get(source) for source in reference.COLUMNS}), status
