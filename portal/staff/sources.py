"""The authentic sources' reference data staff load as CSV: VDAB, RSZ, Onderwijs and the recognised
service providers."""

from flask import flash, redirect, render_template, url_for

from portal.auth.actor import staff_required
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
            flash(f"{count} regel(s) geladen voor {dict(forms.SOURCES)[form.source.data]}.")
            return redirect(url_for(".sources"), 303)
    status = 422 if form.errors or form.file.errors else 200
    return render_template("staff/sources.html", form=form, sources=forms.SOURCES,
                           columns=reference.COLUMNS,
                           optional={source: reference.OPTIONAL_COLUMNS.get(source) for source in reference.COLUMNS}), status
