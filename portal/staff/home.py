"""The staff's home page: the way to every part of the back office."""

from flask import render_template

from portal.auth.actor import staff_required
from portal.domain.staff_roles import ROLES
from portal.staff import bp


@bp.get("/")
@staff_required
def home():
    """The staff home page."""
    return render_template("staff/home.html", roles=ROLES)
