"""The application wizard for every measure: one page per step, the documents step with uploads
that resume, review, submit and receipt, and the VOP's choice of kind. The steps, their forms and
the drafts are portal/services/applications; this package only serves them."""

from flask import Blueprint

bp = Blueprint("wizard", __name__)

from portal.applicant.wizard import steps, uploads, vop  # noqa: E402,F401  (the blueprint's routes)
