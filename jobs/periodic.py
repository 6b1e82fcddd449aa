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

# Sweeps that need not run every round: at most once per this many seconds. The quarterly premium
# calculation rereads every running grant (about 9 s at 100,000 dossiers, benchmark (j)); the
# declarations it reads change a few times a quarter.
INTERVALS = {"sweep-premium-calculation": 600}


def enqueue_all(queue) -> None:
    for job_id, func in SWEEPS.items():
        interval = INTERVALS.get(job_id)
        if interval and not queue.connection.set(f"loket:sweep-ran:{job_id}", 1, nx=True, ex=interval):
            continue  # it ran less than `interval` seconds ago
        try:
            queue.enqueue_call(func, job_id=job_id, unique=True, result_ttl=0, failure_ttl=3600)
        except DuplicateJobError:
            pass  # the previous round is still waiting or running
