"""Scheduled follow-up of running dossiers: the VOP notice when VDAB is not done after 4 months."""

from portal.clock import today
from portal.domain import admissibility as rules
from portal.domain import dossier as machine
from portal.dossier import answers, notices
from portal.dossier.transitions import record
from portal.extensions import db
from portal.models import Application, Dossier
from portal.sources import SourceUnavailable, get_sources


def send_vdab_notices() -> int:
    """Once per dossier (the outbox key): VOP dossiers admitted 4 months ago that VDAB has not
    decided on. VDAB's current answer decides; a source that does not answer is tried next round."""
    day = today()
    candidates = db.session.scalars(
        db.select(Application).join(Dossier)
        .where(Application.measure == "vop", Application.admissibility == machine.ONTVANKELIJK,
               Application.state.in_((machine.IN_ONDERZOEK, machine.ONVOLLEDIG)),
               Dossier.waiting_for_vdab.is_(True),
               Dossier.admissibility_on <= rules.add_months(day, -rules.VDAB_WAIT_MONTHS))
    )
    sent = 0
    vdab = get_sources().vdab
    for application in candidates:
        try:
            facts = vdab.person(answers.employee_national_number(application))
        except SourceUnavailable:
            continue
        status = facts.handicap_status if facts else None
        dossier = application.dossier
        if not rules.vdab_notice_due(dossier.admissibility_on, status, day):
            dossier.waiting_for_vdab = False
            continue
        if notices.vdab_not_finished(application) is not None:
            record(application, "vdab_4_maanden", machine.SYSTEM,
                   reason="VDAB rondde het onderzoek niet af binnen 4 maanden na de ontvankelijkheid.")
            sent += 1
    db.session.commit()
    return sent
