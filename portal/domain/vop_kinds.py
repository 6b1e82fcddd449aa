"""VOP: which kind of request (basisaanvraag, verhoging, verlenging) is open to the applicant, and
which documents each kind needs. Source: seed 001_b28234096fe74925.txt ("Verhoging of verlenging van
goedgekeurde dossiers"), seed 002_d614cd7cf29eebab.txt (Word or PDF). Pure: today is passed in.
"""

from dataclasses import dataclass
from datetime import date

from portal.domain.documents import EXTRA, DocumentRequirement
from portal.domain.quarters import penultimate_quarter
from portal.domain.vop import AANSLAGBILJET, ATTEST_LEEFBAARHEID, BASIS, VERHOGING, VERLENGING, viability_document


@dataclass(frozen=True)
class Grant:
    """A base application of this enterprise, as the kind choice needs it."""

    application_id: int
    number: str
    employee_national_number: str
    employee_name: str
    for_self: bool  # a self-employed person's own VOP
    state: str  # dossier state: "ingediend", "goedgekeurd", ...
    end: date | None = None  # last day of the running grant, once decided


@dataclass(frozen=True)
class Availability:
    kind: str
    available: bool
    reason: str | None = None  # why not, or from when
    grants: tuple[Grant, ...] = ()  # the base applications the request may be about
    opens_on: date | None = None


# A base application that VDAB or the department turned down gives no ground for an increase.
DEAD_STATES = {"draft", "geweigerd", "niet_ontvankelijk", "ingetrokken"}

INCREASE_NEEDS_BASE = (
    "Een verhoging kunt u pas aanvragen als er voor die werknemer al een basisaanvraag is ingediend: "
    "die is nodig om te weten of de werknemer het recht op een VOP opent."
)
INCREASE_NOT_FOR_SELF = "Voor een zelfstandige zelf kan geen verhoging aangevraagd worden."


INCREASE_NEEDS_APPROVAL = (
    "Een verhoging kan enkel voor een lopende, goedgekeurde VOP. Een basisaanvraag die nog in "
    "behandeling of onvolledig is, moet eerst goedgekeurd zijn."
)


def running_approved(grant: Grant, today: date) -> bool:
    """Seed 001 ("Verhoging of verlenging van goedgekeurde dossiers"): a granted VOP that has not ended."""
    return grant.state == "goedgekeurd" and (grant.end is None or grant.end >= today)


def increase_availability(grants: list[Grant], today: date, self_employed: bool = False) -> Availability:
    """Seed 001: an increase only after a base application for that employee, and only for a
    running, approved VOP ("Verhoging of verlenging van goedgekeurde dossiers"); never for a
    self-employed person's own VOP (a self-employed employer is told both)."""
    live = [g for g in grants if g.state not in DEAD_STATES]
    eligible = tuple(g for g in live if not g.for_self and running_approved(g, today))
    if eligible:
        return Availability(VERHOGING, True, grants=eligible)
    reason = INCREASE_NEEDS_APPROVAL if any(not g.for_self for g in live) else INCREASE_NEEDS_BASE
    if self_employed or any(g.for_self for g in live):
        reason = f"{INCREASE_NOT_FOR_SELF} {reason}"
    return Availability(VERHOGING, False, reason)


def extension_opens_on(grant_end: date) -> date:
    """Seed 001: "Vanaf het voorlaatste kwartaal van de toekenning" a motivated request may be filed."""
    return penultimate_quarter(grant_end).start


def extension_availability(grants: list[Grant], today: date) -> Availability:
    """An extension (verlenging) for a running, approved grant, from its penultimate quarter until
    its last day; before that, say from which date it opens."""
    running = [g for g in grants if running_approved(g, today) and g.end is not None]
    if not running:
        return Availability(
            VERLENGING, False,
            "Een verlenging kan enkel voor een lopende, goedgekeurde VOP. U hebt geen lopende VOP.",
        )
    open_now = tuple(g for g in running if extension_opens_on(g.end) <= today)
    if open_now:
        return Availability(VERLENGING, True, grants=open_now)
    first = min(running, key=lambda g: extension_opens_on(g.end))
    opens = extension_opens_on(first.end)
    return Availability(
        VERLENGING, False,
        f"Een verlenging kunt u aanvragen vanaf het voorlaatste kwartaal van de toekenning. Voor "
        f"{first.employee_name} (toekenning tot {first.end:%d/%m/%Y}) kan dat vanaf {opens:%d/%m/%Y}.",
        opens_on=opens,
    )


def availability(grants: list[Grant], today: date, self_employed: bool = False) -> dict[str, Availability]:
    """Every kind, available or with its reason: the kind choice shows all three."""
    return {
        BASIS: Availability(BASIS, True),
        VERHOGING: increase_availability(grants, today, self_employed),
        VERLENGING: extension_availability(grants, today),
    }


def grant_allows(kind: str, grant: Grant, today: date) -> bool:
    """Whether `grant` may be the subject of an increase or extension request (re-checked on submit)."""
    if kind == VERHOGING:
        return grant in increase_availability([grant], today).grants
    if kind == VERLENGING:
        return grant in extension_availability([grant], today).grants
    return False


MOTIVATION = DocumentRequirement(
    "motivatie", "Motivatiedocument",
    "Het ingevulde motivatiedocument van het departement, in Word of PDF.",
)
VIABILITY = {
    ATTEST_LEEFBAARHEID: DocumentRequirement(
        ATTEST_LEEFBAARHEID, "Attest op leefbaarheid",
        "U bent minder dan een jaar zelfstandig: voeg het attest op leefbaarheid van de erkende "
        "organisatie toe.",
    ),
    AANSLAGBILJET: DocumentRequirement(
        AANSLAGBILJET, "Laatst ontvangen aanslagbiljet",
        "U bent meer dan een jaar zelfstandig: voeg uw laatst ontvangen fiscaal aanslagbiljet toe. Er "
        "is voldoende bedrijfsactiviteit als het belastbare nettobedrijfsinkomen hoger is dan 15.000 "
        "euro per jaar.",
    ),
}


def required_documents(kind: str, for_self: bool, self_employed_since: date | None,
                       today: date) -> list[DocumentRequirement]:
    """Verhoging and verlenging: the motivation document (seed 001, seed 002: Word or PDF). A
    self-employed person applying for themselves: the viability proof. Extra documents optional."""
    needed = []
    if kind in (VERHOGING, VERLENGING):
        needed.append(MOTIVATION)
    if for_self and self_employed_since is not None:
        needed.append(VIABILITY[viability_document(self_employed_since, today)])
    return needed + [EXTRA]
