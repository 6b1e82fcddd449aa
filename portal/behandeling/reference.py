"""Staff: the letter queue (employee copies to print) and the reference data of the sources."""

from flask import abort, flash, g, redirect, render_template, url_for

from portal.auth.session import staff_required
from portal.behandeling import forms
from portal.behandeling.routes import bp
from portal.clock import now
from portal.extensions import db
from portal.forms import EmptyForm
from portal.models import Letter
from portal.sources import reference


@bp.get("/brieven")
@staff_required
def letters():
    """Letters to print and post: the employee's copy of a decision when no e-mail is known."""
    rows = db.session.scalars(db.select(Letter).order_by(Letter.printed_at.is_not(None), Letter.id.desc()).limit(200))
    return render_template("behandeling/letters.html", letters=list(rows), form=EmptyForm())


@bp.get("/brieven/<int:letter_id>")
@staff_required
def letter(letter_id):
    """One letter, ready to print."""
    return render_template("behandeling/letter.html", letter=db.get_or_404(Letter, letter_id), form=EmptyForm())


@bp.post("/brieven/<int:letter_id>/afgedrukt")
@staff_required
def printed(letter_id):
    """Mark a letter as printed and posted."""
    found = db.get_or_404(Letter, letter_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if found.printed_at is None:
        found.printed_at, found.printed_by_id = now(), g.user.id
        db.session.commit()
    flash("De brief is gemarkeerd als verstuurd.")
    return redirect(url_for(".letters"), 303)


@bp.route("/bronnen", methods=["GET", "POST"])
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
    return render_template("behandeling/sources.html", form=form, sources=forms.SOURCES,
                           columns=reference.COLUMNS), status
