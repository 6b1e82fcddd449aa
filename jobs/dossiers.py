"""The automatic admissibility check of a submitted dossier, and the sweeps of the dossier life:
retrying checks a source left waiting, the VOP notice when VDAB is not done after 4 months, and
the quarterly reminder to report changes while a premium runs."""

from jobs.context import app_context
from jobs.enqueue import requeue


def check(application_id: int) -> str:
    with app_context():
        from portal.services.dossiers import admissibility

        return admissibility.run(application_id)


def sweep_checks() -> int:
    """Re-enqueue checks that are due again (a source did not answer) or were lost."""
    return requeue("portal.services.dossiers.admissibility", "due_for_check", "admissibility")


def sweep_vdab_notices() -> int:
    """VOP: tell the employer in writing when VDAB has not finished 4 months after admissibility."""
    with app_context():
        from portal.services.dossiers import followup

        return followup.send_vdab_notices()


def sweep_change_reminders() -> int:
    """Each quarter, remind the contact persons of running premiums to report changes."""
    with app_context():
        from portal.services.dossiers import followup

        return followup.send_change_reminders()


def sweep_reminders() -> dict:
    """The VOP's penultimate quarter, a 5-year grant's last year, drafts and questions left 14 days."""
    with app_context():
        from portal.services.dossiers import reminders

        return reminders.send_all()
