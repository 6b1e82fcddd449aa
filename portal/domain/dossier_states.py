"""The life of a dossier: one explicit state machine (seeds 000, 001, 003). Pure: no Flask.

A dossier has a state (ingediend, in_onderzoek, onvolledig, goedgekeurd, geweigerd) and, orthogonal
to it, an admissibility (None until checked, then ontvankelijk or niet_ontvankelijk). Every change
is an *action* taken by an *actor* (system, staff, applicant); `apply` says whether it is allowed and
what the dossier becomes. Nothing else in the portal sets a state.

A dossier declared not admissible stays "ingediend" and is closed: the notice tells the applicant a
new application may be filed (seed 001); it is never "geweigerd", which is a decision on substance.
"""

from dataclasses import dataclass
from datetime import date

INGEDIEND = "ingediend"
IN_ONDERZOEK = "in_onderzoek"
ONVOLLEDIG = "onvolledig"
GOEDGEKEURD = "goedgekeurd"
GEWEIGERD = "geweigerd"
STATES = (INGEDIEND, IN_ONDERZOEK, ONVOLLEDIG, GOEDGEKEURD, GEWEIGERD)

ONTVANKELIJK = "ontvankelijk"
NIET_ONTVANKELIJK = "niet_ontvankelijk"

SYSTEM, STAFF, APPLICANT = "system", "staff", "applicant"

STATE_LABELS = {
    INGEDIEND: "Ingediend",
    IN_ONDERZOEK: "In onderzoek",
    ONVOLLEDIG: "Onvolledig",
    GOEDGEKEURD: "Goedgekeurd",
    GEWEIGERD: "Geweigerd",
}
ADMISSIBILITY_LABELS = {None: "Ontvankelijkheid nog niet beoordeeld", ONTVANKELIJK: "Ontvankelijk",
                        NIET_ONTVANKELIJK: "Niet ontvankelijk"}


class TransitionNotAllowed(Exception):
    """This actor may not take this action on a dossier in this state."""


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    actors: frozenset[str]
    # Which admissibility the dossier must have before the action ("unset": not decided yet).
    requires: str | None
    # The state after the action; None: back to where the dossier was before it was incomplete.
    target: str | None
    sets_admissibility: str | None = None


TRANSITIONS = {
    t.action: t
    for t in (
        Transition("ontvankelijk_verklaren", "Ontvankelijk verklaren", frozenset({INGEDIEND}),
                   frozenset({SYSTEM, STAFF}), "unset", IN_ONDERZOEK, ONTVANKELIJK),
        Transition("niet_ontvankelijk_verklaren", "Niet ontvankelijk verklaren", frozenset({INGEDIEND, ONVOLLEDIG}),
                   frozenset({SYSTEM, STAFF}), "unset", INGEDIEND, NIET_ONTVANKELIJK),
        Transition("informatie_vragen", "Informatie opvragen", frozenset({INGEDIEND, IN_ONDERZOEK}),
                   frozenset({STAFF}), "open", ONVOLLEDIG),
        Transition("informatie_bezorgen", "Informatie bezorgen", frozenset({ONVOLLEDIG}),
                   frozenset({APPLICANT}), "open", None),
        Transition("goedkeuren", "Goedkeuren", frozenset({IN_ONDERZOEK}),
                   frozenset({STAFF}), ONTVANKELIJK, GOEDGEKEURD),
        Transition("weigeren", "Weigeren", frozenset({IN_ONDERZOEK, ONVOLLEDIG}),
                   frozenset({STAFF}), ONTVANKELIJK, GEWEIGERD),
    )
}


@dataclass(frozen=True)
class Status:
    state: str
    admissibility: str | None = None


def is_final(status: Status) -> bool:
    """Nothing more happens: decided, or closed as not admissible."""
    return status.state in (GOEDGEKEURD, GEWEIGERD) or status.admissibility == NIET_ONTVANKELIJK


def _admissibility_ok(transition: Transition, admissibility: str | None) -> bool:
    if transition.requires == "unset":
        return admissibility is None
    if transition.requires == "open":
        return admissibility != NIET_ONTVANKELIJK
    return admissibility == transition.requires


def may(status: Status, action: str, actor: str) -> bool:
    transition = TRANSITIONS.get(action)
    return (
        transition is not None
        and actor in transition.actors
        and status.state in transition.sources
        and _admissibility_ok(transition, status.admissibility)
    )


def apply(status: Status, action: str, actor: str) -> Status:
    """The dossier after `actor` takes `action`, or TransitionNotAllowed."""
    if not may(status, action, actor):
        raise TransitionNotAllowed(f"{action} door {actor} kan niet bij stand {status.state}/{status.admissibility}.")
    transition = TRANSITIONS[action]
    target = transition.target
    if target is None:  # the information arrived: back to admissibility check or investigation
        target = IN_ONDERZOEK if status.admissibility == ONTVANKELIJK else INGEDIEND
    return Status(target, transition.sets_admissibility or status.admissibility)


def allowed_actions(status: Status, actor: str) -> list[str]:
    return [action for action in TRANSITIONS if may(status, action, actor)]


ENDED_LABEL = "Beëindigd"


def grant_has_ended(state: str, end: date | None, today: date | None) -> bool:
    """An approved grant whose end date has passed: "beëindigd". Derived from the end date and
    today, not stored, so no state (and no migration) is needed; the premium ran until `end`."""
    return state == GOEDGEKEURD and end is not None and today is not None and end < today


def has_ended(status: Status, end: date | None, today: date | None) -> bool:
    return grant_has_ended(status.state, end, today)


def label(status: Status, end: date | None = None, today: date | None = None) -> str:
    """How the applicant and staff see the dossier, e.g. "In onderzoek", "Niet ontvankelijk", or
    "Beëindigd" for an approved grant whose end date has passed."""
    if status.admissibility == NIET_ONTVANKELIJK:
        return "Niet ontvankelijk"
    if has_ended(status, end, today):
        return ENDED_LABEL
    return STATE_LABELS.get(status.state, status.state)


def next_step(status: Status, end: date | None = None, today: date | None = None) -> str:
    """What happens next, in the applicant's words."""
    if status.admissibility == NIET_ONTVANKELIJK:
        return "Uw aanvraag is afgesloten. U kunt een nieuwe aanvraag indienen."
    if has_ended(status, end, today):
        return (f"De premie liep tot {end:%d/%m/%Y} en is beëindigd. Voor deze werknemer kunt u een "
                "nieuwe aanvraag indienen.")
    if status.state == INGEDIEND:
        return "Het departement onderzoekt of uw aanvraag ontvankelijk is."
    if status.state == ONVOLLEDIG:
        return "Bezorg de gevraagde informatie via deze pagina."
    if status.state == IN_ONDERZOEK:
        return "Het departement onderzoekt uw aanvraag en neemt een beslissing."
    if status.state == GOEDGEKEURD:
        return "De premie wordt elk kwartaal automatisch uitbetaald."
    return "Geen verdere stappen. Lees de beslissing voor de redenen."
