"""The employee's co-signature of a WOP evaluation (seed 004): anonymous, by the single-use token
mailed to the employee; no account, no login, no enterprise."""

from flask import Blueprint

bp = Blueprint("signing", __name__, url_prefix="/ondertekenen")

from portal.applicant.signing import routes  # noqa: E402,F401  (the blueprint's routes)
