"""The only place a dossier's state changes: the state machine decides, a guarded UPDATE applies it
(a second worker or a double click finds the row changed and gets `Conflict`), and the history
records who, when and why. The caller commits."""

from sqlalchemy import update

from portal.clock import now
from portal.domain import dossier_states
from portal.extensions import db
from portal.models import Application, DossierEvent


class Conflict(Exception):
    """The dossier changed meanwhile; reload and try again."""


def status_of(application: Application) -> dossier_states.Status:
    return dossier_states.Status(application.state, application.admissibility)


def transition(application: Application, action: str, actor: str, user=None, reason: str | None = None) -> dossier_states.Status:
    """Take `action` on the dossier, or raise TransitionNotAllowed / Conflict."""
    before = status_of(application)
    after = dossier_states.apply(before, action, actor)
    admissibility_was = (Application.admissibility.is_(None) if before.admissibility is None
                         else Application.admissibility == before.admissibility)
    result = db.session.execute(
        update(Application)
        .where(Application.id == application.id, Application.state == before.state, admissibility_was)
        .values(state=after.state, admissibility=after.admissibility, updated_at=now())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(application.id)
    application.state, application.admissibility = after.state, after.admissibility
    record(application, action, actor, user, reason)
    return after


def record(application: Application, action: str, actor: str, user=None, reason: str | None = None) -> DossierEvent:
    """A line in the history, also for what does not change the state (a source that did not answer)."""
    event = DossierEvent(application_id=application.id, at=now(), actor=actor, user_id=user.id if user else None,
                         action=action, state=application.state, admissibility=application.admissibility, reason=reason)
    db.session.add(event)
    return event


ACTION_LABELS = {
    "ingediend": "Aanvraag ingediend",
    "bron_onbereikbaar": "Authentieke bron gaf geen antwoord; nieuwe poging gepland",
    "wacht_op_vdab": "Wacht op VDAB",
    "vdab_4_maanden": "Melding: VDAB na 4 maanden nog niet klaar",
    "wijziging_melden": "Wijziging gemeld",
    "wijziging_verwerken": "Wijziging verwerkt",
    "evaluatie_aanvragen": "Evaluatie aangevraagd",
    "evaluatie_beslist": "Evaluatie goedgekeurd",
    "vdab_evaluatie": "Datum van de evaluatie door VDAB vastgelegd",
    "einddatum_wijzigen": "Einddatum gewijzigd",
    "heroverweging_vragen": "Heroverweging gevraagd",
    "vop_evaluatie_starten": "Evaluatie van de VOP gestart (aanvraag individueel maatwerk)",
    "uit_dienst": "Werknemer uit dienst: einddatum gewijzigd",
    "wop_correctie": "Correctie van het werkondersteuningspakket gevraagd",
    "wop_evaluatie": "Evaluatie van het werkondersteuningspakket aangevraagd",
    "wop_link_opnieuw": "Link om te ondertekenen opnieuw verstuurd",
    "wop_ondertekend": "Evaluatie van het werkondersteuningspakket ondertekend door de werknemer",
    "wop_uitkomst": "Uitkomst van VDAB over het werkondersteuningspakket",
    **{t.action: t.label for t in dossier_states.TRANSITIONS.values()},
}
