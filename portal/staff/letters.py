"""Letters to print and post: the employee's copy of a decision when no e-mail is known."""

from flask import abort, flash, g, redirect, render_template, url_for

from portal.auth.actor import staff_required
from portal.clock import now
from portal.extensions import db
from portal.forms import EmptyForm
from portal.models import Application, Letter
from portal.services import audit
from portal.staff import bp


@bp.get("/dossiers/brieven")
@staff_required
def letters():
    """Letters to print and post: the employee's copy of a decision when no e-mail is known."""
    rows = db.session.scalars(db.select(Letter).order_by(Letter.printed_at.is_not(None), Letter.id.desc()).limit(200))
    return render_template("staff/letters.html", letters=list(rows), form=EmptyForm())


@bp.get("/dossiers/brieven/<int:letter_id>")
@staff_required
def letter(letter_id):
    """One letter, ready to print."""
    found = db.get_or_404(Letter, letter_id)
    audit.record_now("brief_gelezen", g.user, application_id=found.application_id,
                     enterprise_id=_enterprise_of(found), detail=f"brief {found.id} aan {found.recipient}")
    return render_template("staff/letter.html", letter=found, form=EmptyForm())


@bp.post("/dossiers/brieven/<int:letter_id>/afgedrukt")
@staff_required
def printed(letter_id):
    """Mark a letter as printed and posted."""
    found = db.get_or_404(Letter, letter_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if found.printed_at is None:
        found.printed_at, found.printed_by_id = now(), g.user.id
        audit.record("brief_verstuurd", g.user, application_id=found.application_id,
                     enterprise_id=_enterprise_of(found), detail=f"brief {found.id} aan {found.recipient}")
        db.session.commit()
    flash("De brief is gemarkeerd als verstuurd.")
    return redirect(url_for(".letters"), 303)


def _enterprise_of(letter: Letter) -> int:
    return db.session.scalar(db.select(Application.enterprise_id).filter_by(id=letter.application_id))
