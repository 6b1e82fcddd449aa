"""Gebruikersbeheer for the organisation's lokale beheerder: the right per measure, per user."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for

from portal.auth.session import local_admin_required
from portal.beheer import service
from portal.beheer.forms import RightForm
from portal.domain.measures import MEASURES, get_measure

bp = Blueprint("beheer", __name__, url_prefix="/beheer")


@bp.get("/gebruikers")
@local_admin_required
def users():
    """The enterprise's users and, per measure, whether they hold the right."""
    return render_template(
        "beheer/users.html", rows=service.users_of(g.enterprise.id), measures=MEASURES, form=RightForm()
    )


@bp.post("/gebruikers/<int:user_id>/<measure>")
@local_admin_required
def change_right(user_id, measure):
    """Grant or withdraw one right; a user of another enterprise is not found."""
    chosen = get_measure(measure)
    membership = service.member(g.enterprise.id, user_id)
    form = RightForm()
    if chosen is None or membership is None:
        abort(404)
    if not form.validate_on_submit():
        abort(400)
    if form.action.data == "toekennen":
        service.grant(g.enterprise, membership.user, chosen, g.user)
        flash(f"{membership.user.name} heeft nu het recht voor {chosen.title}.")
    else:
        service.withdraw(g.enterprise, membership.user, chosen)
        flash(f"Het recht van {membership.user.name} voor {chosen.title} is ingetrokken.")
    return redirect(url_for("beheer.users"), code=303)
