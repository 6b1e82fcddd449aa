"""Changes an applicant reports on a dossier (seed 003_cf4b65171622c691.txt, step 7: "Verandert er
iets in uw situatie? Breng ons op de hoogte ... contactpersoon voor het dossier wijzigt,
rekeningnummer wijzigt, werknemer treedt uit dienst, collega-coach of begeleider wijzigt").

The seed asks for an e-mail; the portal takes the report on the dossier itself, so it is recorded
with the dossier, confirmed by e-mail and listed for the department. Pure: no Flask.
"""

from datetime import date

from portal.domain import dossier_states
from portal.domain.individueel_maatwerk import MET_BEGELEIDING
from portal.domain.quarters import Quarter, anniversary, quarter_of

CONTACT = "contactpersoon"
ACCOUNT = "rekeningnummer"
LEAVING = "uit_dienst"
GUIDANCE = "begeleiding"

CHANGE_LABELS = {
    CONTACT: "De contactpersoon voor het dossier wijzigt",
    ACCOUNT: "Het rekeningnummer wijzigt",
    LEAVING: "De werknemer treedt uit dienst",
    GUIDANCE: "De collega-coach of de begeleider wijzigt",
}

# The same changes in a few words, for a list in a sentence ("Verandert er iets (…), meld het dan").
CHANGE_WORDS = {
    CONTACT: "contactpersoon",
    ACCOUNT: "rekeningnummer",
    LEAVING: "de werknemer treedt uit dienst",
    GUIDANCE: "collega-coach of begeleider",
}


def in_words(kinds: list[str]) -> str:
    """The reportable changes as one Dutch enumeration: "contactpersoon, rekeningnummer, ..."."""
    return ", ".join(CHANGE_WORDS[kind] for kind in kinds)


def may_report(status: dossier_states.Status, end: date | None = None, today: date | None = None) -> bool:
    """Changes matter while the dossier is being handled or the premium runs: not once it is
    refused, closed as not admissible, or ended ("Beëindigd")."""
    return (status.state != dossier_states.GEWEIGERD and status.admissibility != dossier_states.NIET_ONTVANKELIJK
            and not dossier_states.has_ended(status, end, today))


def reportable(measure: str, premium: str | None, for_self: bool) -> list[str]:
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


def last_day_problem(last_day: date, applied_on: date, today: date) -> str | None:
    """Why this last working day cannot be the employee's, or None. One applies only while the
    employee is in service (seed 003: no valid employment relation in DIMONA is not admissible), so
    the last working day lies on or after the day of application; a departure agreed for later may
    be reported, up to a year ahead."""
    if last_day < applied_on:
        return (f"De laatste werkdag kan niet vóór de dag van de aanvraag ({applied_on:%d/%m/%Y}) liggen: "
                "toen was de werknemer in dienst. Kijk de datum na.")
    if last_day > anniversary(today, 1):  # one already agreed, not a guess about years to come
        return "De laatste werkdag ligt meer dan een jaar in de toekomst. Kijk de datum na."
    return None


def end_after_leaving(last_day: date, end: date | None) -> date:
    """The employee left service: the premium ends on the last day of the quarter of the last working
    day (paid per quarter, seeds 000, 001, 003), never later than the grant's own end."""
    quarter_end = quarter_of(last_day).end
    return quarter_end if end is None else min(end, quarter_end)


def describe(kind: str, d: dict) -> str:
    """The change in one line of Dutch, for the history, the e-mail and the back office."""
    if kind == CONTACT:
        return f"Nieuwe contactpersoon: {d['name']}, {d['email']}" + (f", {d['phone']}" if d.get("phone") else "")
    if kind == ACCOUNT:
        return f"Nieuw rekeningnummer: {d['iban']}" + (f" ({d['bank_name']})" if d.get("bank_name") else "")
    if kind == LEAVING:
        return f"De werknemer treedt uit dienst; laatste werkdag {_date(d['last_day'])}"
    guide = "interne begeleider" if d.get("guide_type") == "intern" else "erkende dienstverlener"
    return (f"Vanaf {_date(d['from'])}: begeleider {d['guide_name']} ({guide}), "
            f"collega-coach {d['coach_name']}")


def _date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"
