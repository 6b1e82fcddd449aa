"""Gebruikersbeheer: the enterprise's lokale beheerder grants and withdraws the right per measure."""

from flask import Blueprint

bp = Blueprint("users", __name__, url_prefix="/beheer")

from portal.applicant.users import routes  # noqa: E402,F401  (the blueprint's routes)
