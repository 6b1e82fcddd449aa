"""The retention sweep: drafts never submitted are reminded, then removed with their uploads
(portal/services/applications/retention.py)."""

from jobs.context import app_context


def sweep_drafts() -> dict:
    """Remind and remove stale drafts; returns the ids reminded and removed."""
    with app_context():
        from portal.services.applications import retention

        swept = retention.sweep()
        return {"reminded": swept.reminded, "removed": swept.removed}
