"""Gebruikersbeheer for the organisation's lokale beheerder: the right per measure, per user."""

from flask import abort, flash, g, redirect, render_template, url_for

from portal.applicant.users import bp, memberships
from portal.applicant.users.forms import RightForm
from portal.auth.actor import local_admin_required
from portal.domain.measures import MEASURES, get_measure


@bp.get("/gebruikers")
@local_admin_required
def users():
    """The enterprise's users and, per measure, whether they hold the right."""
    return render_template(
        "users/users.html", rows=memberships.users_of(g.enterprise.id), measures=MEASURES, form=RightForm()
    )


@bp.post("/gebruikers/<int:user_id>/<measure>")
@local_admin_required
def change_right(user_id, measure):
    """Grant or withdraw one right; a user of another enterprise is not found."""
    chosen = get_measure(measure)
    membership = memberships.member(g.enterprise.id, user_id)
    form = RightForm()
    if chosen is None or membership is None:
        abort(404)
    if not form.validate_on_submit():
        abort(400)
    if form.action.data == "toekennen":
        memberships.grant(g.enterprise, membership.user, chosen, g.user)
        flash(f"{membership.user.name} heeft nu het recht voor {chosen.title}.")
    else:
        memberships.withdraw(g.enterprise, membership.user, chosen, g.user)
        flash(f"Het recht van {membership.user.name} voor {chosen.title} is ingetrokken.")
    return redirect(url_for("users.users"), code=303)
