"""The automatic admissibility check of a submitted dossier, and the sweeps of the dossier life:
retrying checks a source left waiting, the VOP notice when VDAB is not done after 4 months, and
the quarterly reminder to report changes while a premium runs."""

from rq import Retry

from jobs.context import app_context
from jobs.enqueue import enqueue_once, requeue

RETRY = Retry(max=3, interval=[30, 120, 600])


def enqueue(queue, application_id: int):
    """One check per dossier at a time; a settled earlier job is replaced."""
    return enqueue_once(queue, check, (application_id,), f"admissibility-{application_id}", RETRY,
                        f"ontvankelijkheid dossier {application_id}")


def check(application_id: int) -> str:
    with app_context():
        from portal.dossier import admissibility

        return admissibility.run(application_id)


def sweep_checks() -> int:
    """Re-enqueue checks that are due again (a source did not answer) or were lost."""
    return requeue("portal.dossier.admissibility", "due_for_check", enqueue)


def sweep_vdab_notices() -> int:
    """VOP: tell the employer in writing when VDAB has not finished 4 months after admissibility."""
    with app_context():
        from portal.dossier import followup

        return followup.send_vdab_notices()


def sweep_change_reminders() -> int:
    """Each quarter, remind the contact persons of running premiums to report changes."""
    with app_context():
        from portal.dossier import followup

        return followup.send_change_reminders()
