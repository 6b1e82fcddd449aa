"""Today's date for the whole portal: the real date, or LOKET_TODAY (YYYY-MM-DD) to travel in time
in demos and tests. Domain functions never call this: they take `today` as an argument."""

from datetime import date, datetime

from flask import current_app, has_app_context


def today() -> date:
    if has_app_context() and current_app.config.get("LOKET_TODAY"):
        return date.fromisoformat(current_app.config["LOKET_TODAY"])
    return date.today()


def now() -> datetime:
    """Naive UTC now, as stored in the database, shifted with LOKET_TODAY when set."""
    from portal.models.base import utcnow

    real = utcnow()
    if has_app_context() and current_app.config.get("LOKET_TODAY"):
        return datetime.combine(today(), real.time())
    return real
