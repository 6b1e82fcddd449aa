"""Dossier services. `submit` is what the wizard calls when the applicant submits."""

from portal.clock import now
from portal.extensions import db
from portal.models import Application


def application_number(application: Application) -> str:
    """IM-2026-000042: measure, year of submission, id."""
    return f"{application.measure.upper()}-{application.submitted_at.year}-{application.id:06d}"


def submit(application: Application, user) -> Application:
    """Turn a complete draft into a submitted dossier (state "ingediend") and commit."""
    if not application.is_draft:
        raise ValueError("Deze aanvraag is al ingediend.")
    application.state = "ingediend"
    application.submitted_at = now()
    application.updated_at = application.submitted_at
    application.number = application_number(application)
    db.session.commit()
    return application
