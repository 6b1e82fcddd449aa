"""The applicant's home: the welcome page and "Start nieuwe aanvraag" with one tile per measure."""

from flask import Blueprint

bp = Blueprint("tiles", __name__)

from portal.applicant.tiles import routes  # noqa: E402,F401  (the blueprint's routes)
