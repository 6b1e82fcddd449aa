"""The periodic sweeps, enqueued by `flask loket ticker`; each is idempotent."""

from rq.exceptions import DuplicateJobError

from jobs import campaigns, dossiers, mail, payments, retention

SWEEPS = {
    "sweep-outbox": mail.sweep,
    "sweep-admissibility": dossiers.sweep_checks,
    "sweep-vdab-notices": dossiers.sweep_vdab_notices,
    "sweep-bulk-messages": campaigns.sweep,
    "sweep-change-reminders": dossiers.sweep_change_reminders,
    "sweep-mail-digest": mail.sweep_digest,
    "sweep-reminders": dossiers.sweep_reminders,
    "sweep-draft-retention": retention.sweep_drafts,
    "sweep-premium-calculation": payments.calculate,
    "sweep-payment-mails": payments.sweep_notifications,
}


def enqueue_all(queue) -> None:
    for job_id, func in SWEEPS.items():
        try:
            queue.enqueue_call(func, job_id=job_id, unique=True, result_ttl=0, failure_ttl=3600)
        except DuplicateJobError:
            pass  # the previous round is still waiting or running
