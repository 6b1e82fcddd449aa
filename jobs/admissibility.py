"""The automatic admissibility check of a submitted dossier, and the sweeps of the dossier life:
retrying checks a source left waiting, and the VOP notice when VDAB is not done after 4 months."""

from rq import Retry
from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job

from jobs.context import app_context
from jobs.mail import SETTLED

RETRY = Retry(max=3, interval=[30, 120, 600])


def enqueue(queue, application_id: int):
    """One check per dossier at a time; a settled earlier job is replaced."""
    job_id = f"admissibility-{application_id}"
    try:
        job = Job.fetch(job_id, connection=queue.connection)
        if job.get_status() in SETTLED:
            job.delete()
    except NoSuchJobError:
        pass
    try:
        return queue.enqueue_call(check, args=(application_id,), job_id=job_id, unique=True, retry=RETRY,
                                  description=f"ontvankelijkheid dossier {application_id}")
    except DuplicateJobError:
        return None


def check(application_id: int) -> str:
    with app_context():
        from portal.dossier import admissibility

        return admissibility.run(application_id)


def sweep_checks() -> int:
    """Re-enqueue checks that are due again (a source did not answer) or were lost."""
    with app_context():
        from portal.dossier import admissibility
        from portal.queue import get_queue

        ids = admissibility.due_for_check()
        queue = get_queue()
        for application_id in ids:
            enqueue(queue, application_id)
        return len(ids)


def sweep_vdab_notices() -> int:
    """VOP: tell the employer in writing when VDAB has not finished 4 months after admissibility."""
    with app_context():
        from portal.dossier import followup

        return followup.send_vdab_notices()
