"""The applicant's "Actuele stand van uw dossier": every dossier, one dossier with its history and
documents, answering the department's question, and reporting a change."""

from flask import Blueprint

bp = Blueprint("dossiers", __name__, url_prefix="/dossiers")

from portal.applicant.dossiers import calculations, requests, routes, wop  # noqa: E402,F401  (the blueprint's routes)
