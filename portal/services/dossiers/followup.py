"""Scheduled follow-up of running dossiers: the VOP notice when VDAB is not done after 4 months,
and the quarterly reminder to report changes while a premium runs."""

import hashlib

from portal.clock import today
from portal.domain import admissibility, campaigns, dossier_states
from portal.domain.changes import in_words, reminder_due
from portal.domain.measures import MEASURES
from portal.domain.quarters import first_day_of_quarter, quarter_of
from portal.extensions import db
from portal.mail.outbox import queue_mail
from portal.models import Application, Dossier
from portal.services.dossiers import answers, notices
from portal.services.dossiers.transitions import record
from portal.sources import SourceUnavailable, get_sources


def send_vdab_notices() -> int:
    """Once per dossier (the outbox key): VOP dossiers admitted 4 months ago that VDAB has not
    decided on. VDAB's current answer decides; a source that does not answer is tried next round."""
    day = today()
    candidates = db.session.scalars(
        db.select(Application).join(Dossier)
        .where(Application.measure == "vop", Application.admissibility == dossier_states.ONTVANKELIJK,
               Application.state.in_((dossier_states.IN_ONDERZOEK, dossier_states.ONVOLLEDIG)),
               Dossier.waiting_for_vdab.is_(True),
               Dossier.admissibility_on <= admissibility.add_months(day, -admissibility.VDAB_WAIT_MONTHS))
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
        if not admissibility.vdab_notice_due(dossier.admissibility_on, status, day):
            dossier.waiting_for_vdab = False
            continue
        if notices.vdab_not_finished(application) is not None:
            record(application, "vdab_4_maanden", dossier_states.SYSTEM,
                   reason="VDAB rondde het onderzoek niet af binnen 4 maanden na de ontvankelijkheid.")
            sent += 1
    db.session.commit()
    return sent


def send_change_reminders() -> int:
    """Remind the contact person of every running premium, once per quarter, to report changes in
    the portal (seed 003, step 7): one e-mail per address, listing its dossiers. Each dossier
    remembers the quarter it was reminded for, in the transaction of that e-mail; the e-mail's key
    (quarter, address, dossiers) keeps a retry from sending it twice."""
    day = today()
    quarter = quarter_of(day)
    candidates = db.session.scalars(
        db.select(Application).join(Dossier)
        .where(Application.state == dossier_states.GOEDGEKEURD, Dossier.begin <= day, Dossier.end >= day,
               db.or_(Dossier.change_reminder_for.is_(None), Dossier.change_reminder_for < first_day_of_quarter(day)))
        .order_by(Application.id)).all()
    due = [a for a in candidates
           if reminder_due(a.dossier.begin, a.dossier.end, a.dossier.decided_on, a.dossier.change_reminder_for, day)]
    by_number = {a.number: a for a in due}
    recipients = campaigns.by_address(answers.contacts(due))
    sent = 0
    for recipient in recipients:
        applications = [by_number[number] for number in recipient.numbers]
        dossier_ids = ",".join(str(a.id) for a in applications)
        key = (f"herinnering-wijziging:{quarter}:{campaigns.address_key(recipient.email)}:"
               f"{hashlib.sha256(dossier_ids.encode()).hexdigest()[:16]}")
        # Each dossier's own changes to report, and each measure's own payment rule, once.
        change_words = {a.id: in_words(answers.reportable_changes(a)) for a in applications}
        measures = [m for m in MEASURES if any(a.measure == m.code for a in applications)]
        if queue_mail(dedupe_key=key, recipient=recipient.email, template="herinnering_wijziging",
                      enterprise_id=recipient.enterprise_id, contact=recipient.name, applications=applications,
                      quarter=quarter, change_words=change_words, measures=measures) is not None:
            sent += 1
        for application in applications:
            application.dossier.change_reminder_for = quarter.start
        db.session.commit()
    for application in due:  # no contact address at all: nobody to remind this quarter
        application.dossier.change_reminder_for = quarter.start
    db.session.commit()
    return sent
