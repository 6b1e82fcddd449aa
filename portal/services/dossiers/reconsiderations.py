"""A refused VOP: the reconsideration request within 45 days of VDAB's refusal letter, and from when
the employee may ask VDAB again (seeds 000, 001). The refusal letter's date is VDAB's: the VDAB
source's status date of the refusal."""

from portal.clock import today
from portal.domain import dossier_states, reconsideration
from portal.models import Application
from portal.services.dossiers import answers, linked
from portal.sources import SourceUnavailable, get_sources


class NotAllowed(Exception):
    """No reconsideration can be asked for this dossier today."""


def of(parent: Application) -> list[Application]:
    return linked.children(parent, reconsideration.RECONSIDERATION)


def window(parent: Application) -> reconsideration.Window | None:
    """For a refused VOP whose employee VDAB refused: the 45-day window and the 6 months; else None
    (also when VDAB does not answer now: the page then says nothing it cannot know)."""
    if parent.measure != "vop" or parent.state != dossier_states.GEWEIGERD:
        return None
    try:
        facts = get_sources().vdab.person(answers.employee_national_number(parent))
    except SourceUnavailable:
        return None
    if facts is None or facts.handicap_status != "geweigerd" or facts.status_date is None:
        return None
    return reconsideration.window(facts.status_date, today())


def request(parent: Application, user, motivation: str, files: list[tuple[str, str, bytes]]) -> Application:
    found = window(parent)
    if found is None or not found.open or of(parent):
        raise NotAllowed(parent.id)
    extra = {"toelichting": motivation, "weigering_vdab": found.refused_on.isoformat()}
    return linked.file(parent, user, reconsideration.RECONSIDERATION, extra, files, "heroverweging_vragen",
                       f"Verzoek tot heroverweging: {motivation}")
