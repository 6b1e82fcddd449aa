"""The quarterly calculation of the premiums and the e-mails of an approved payment run; both
idempotent (RQ may run a job twice: the unique keys of the lines and of the outbox hold)."""

from jobs.context import app_context
from jobs.enqueue import requeue


def calculate() -> dict:
    """Calculate every complete quarter of every running grant with a declaration, and gather the new
    lines in the open payment runs."""
    with app_context():
        from portal.clock import today
        from portal.services.payments import calculation

        outcome = calculation.run(today())
        return {"lines": outcome.lines, "corrections": outcome.corrections, "raced": outcome.raced,
                "missing": sorted(outcome.missing)}


def notify(run_id: int) -> int:
    """One e-mail per enterprise of an approved payment run."""
    with app_context():
        from portal.services.payments import runs

        return runs.notify(run_id)


def sweep_notifications() -> int:
    """Approved runs whose e-mails were never queued (the job was lost)."""
    return requeue("portal.services.payments.runs", "not_notified", "payment_run")
