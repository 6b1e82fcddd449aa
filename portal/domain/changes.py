"""Changes an applicant reports on a dossier (seed 003_cf4b65171622c691.txt, step 7: "Verandert er
iets in uw situatie? Breng ons op de hoogte ... contactpersoon voor het dossier wijzigt,
rekeningnummer wijzigt, werknemer treedt uit dienst, collega-coach of begeleider wijzigt").

The seed asks for an e-mail; the portal takes the report on the dossier itself, so it is recorded
with the dossier, confirmed by e-mail and listed for the department. Pure: no Flask.
"""

from datetime import date

from portal.domain import dossier as machine
from portal.domain.individueel_maatwerk import MET_BEGELEIDING
from portal.domain.quarters import Quarter, quarter_of

CONTACT = "contactpersoon"
ACCOUNT = "rekeningnummer"
LEAVING = "uit_dienst"
GUIDANCE = "begeleiding"

LABELS = {
    CONTACT: "De contactpersoon voor het dossier wijzigt",
    ACCOUNT: "Het rekeningnummer wijzigt",
    LEAVING: "De werknemer treedt uit dienst",
    GUIDANCE: "De collega-coach of de begeleider wijzigt",
}


def may_report(status: machine.Status) -> bool:
    """Changes matter while the dossier is being handled or the premium runs: not once it is
    refused or closed as not admissible."""
    return status.state != machine.GEWEIGERD and status.admissibility != machine.NIET_ONTVANKELIJK


def kinds(measure: str, premium: str | None, for_self: bool) -> list[str]:
    """The changes this dossier can have: no employee to leave when a self-employed person applied
    for themselves; a guide and colleague-coach only with the begeleidingspremie (individueel maatwerk)."""
    available = [CONTACT, ACCOUNT]
    if not for_self:
        available.append(LEAVING)
    if measure == "im" and premium == MET_BEGELEIDING:
        available.append(GUIDANCE)
    return available


def reminder_due(begin: date | None, end: date | None, decided_on: date | None, reminded_for: date | None,
                 today: date) -> Quarter | None:
    """The quarter for which the contact person of an approved dossier is reminded to report changes,
    or None. The premium is paid each quarter for the previous one (seeds 000, 001), so each quarter
    in which it runs, once; not in the quarter of the decision, whose e-mail already says it
    (seed 003, step 7); and never after the end date. `reminded_for` is any day of the quarter of the
    last reminder."""
    if begin is None or end is None or decided_on is None or not begin <= today <= end:
        return None
    quarter = quarter_of(today)
    if quarter <= quarter_of(decided_on):
        return None
    if reminded_for is not None and quarter_of(reminded_for) >= quarter:
        return None
    return quarter
