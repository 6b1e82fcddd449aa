"""Medewerkers: the beheerder of the loket gives each staff member their roles (handler, sender of
messages, auditor, beheerder); each change is recorded in the audit trail."""

from flask import flash, g, redirect, render_template, request, url_for

from portal.auth.actor import staff_required
from portal.domain.staff_roles import ROLES
from portal.forms import EmptyForm
from portal.services import staff_members
from portal.staff import bp


def _page(status=200, errors=None, chosen=None):
    return render_template("staff/people.html", members=staff_members.members(), roles=ROLES, form=EmptyForm(),
                           errors=errors or {}, chosen=chosen or {}), status


@bp.get("/medewerkers")
@staff_required
def people():
    """Every staff member with their roles, one form each."""
    return _page()


@bp.post("/medewerkers/<int:user_id>")
@staff_required
def set_roles(user_id):
    """Give one staff member exactly the roles ticked (plain form post, CSRF checked)."""
    form = EmptyForm()
    wanted = set(request.form.getlist("rol"))
    if not form.validate_on_submit():
        return _page(400, {user_id: "Uw sessie is verlopen: probeer opnieuw."}, {user_id: wanted})
    refused = staff_members.set_roles(user_id, wanted, g.user)
    if refused:
        return _page(422, {user_id: refused}, {user_id: wanted})
    flash("De rollen zijn bewaard.")
    return redirect(url_for(".people", _anchor=f"medewerker-{user_id}"), 303)
