"""The reminders of a dossier's life, sent by the periodic sweep `sweep-reminders` (seeds 001, 003):
the VOP's penultimate quarter, a 5-year grant's last year, a draft untouched for 14 days and a
question of the department unanswered for 14 days. Each e-mail has its own key (dossier, occasion):
a sweep that runs twice, or a worker that dies halfway, never sends one twice. Each is committed on
its own, so a sweep cut off halfway resumes where it stopped. The VOP notice when VDAB has not
finished after 4 months is `followup.send_vdab_notices`."""

from datetime import timedelta

from portal.clock import now, today
from portal.domain import dossier_states, evaluations, reminders
from portal.domain.measures import get_measure
from portal.extensions import db
from portal.mail.outbox import queue_mail
from portal.models import Application, Dossier, InformationRequest
from portal.services.dossiers import linked, notices


def _running_grants(measure: str | None = None):
    day = today()
    query = (db.select(Application).join(Dossier)
             .where(Application.state == dossier_states.GOEDGEKEURD, Dossier.begin <= day, Dossier.end >= day,
                    Dossier.left_service_on.is_(None))
             .order_by(Application.id))
    if measure:
        query = query.where(Application.measure == measure)
    return db.session.scalars(query).all()


def penultimate_quarter() -> int:
    """VOP: "Tijdens het voorlaatste kwartaal van de toekenning ... op de hoogte gebracht van het einde
    van de betalingen" and of the extension that can be asked from now on (seed 001)."""
    sent = 0
    for application in _running_grants("vop"):
        dossier = application.dossier
        if reminders.penultimate_quarter_due(dossier.begin, dossier.end, today()):
            sent += notices.reminder(application, "voorlaatste-kwartaal", "herinnering_voorlaatste_kwartaal") is not None
            db.session.commit()
    return sent


def last_year() -> int:
    """A 5-year grant in its last year: ask an evaluation at least 5 months before the end (seed 003);
    not when one was asked already."""
    sent = 0
    for application in _running_grants():
        dossier = application.dossier
        if not reminders.last_year_due(dossier.begin, dossier.end, today()):
            continue
        if linked.children(application, evaluations.EVALUATION):
            continue
        sent += notices.reminder(application, "laatste-jaar", "herinnering_laatste_jaar",
                              in_time_by=evaluations.in_time_by(dossier.end)) is not None
        db.session.commit()
    return sent


def untouched_drafts() -> int:
    """A draft nobody changed for 14 days: it is not submitted, with the link to resume it. Once per
    draft and last change (a draft picked up and left again is reminded again)."""
    limit = now() - timedelta(days=reminders.STALE_DAYS)
    sent = 0
    for application in db.session.scalars(db.select(Application).where(
            Application.state == "draft", Application.paper.is_(False), Application.updated_at <= limit)
            .order_by(Application.id)):
        recipient = application.contact_email or (application.created_by.email if application.created_by else None)
        if not recipient:
            continue
        key = f"aanvraag:{application.id}:concept:{application.updated_at:%Y%m%d%H%M%S}"
        sent += queue_mail(dedupe_key=key, recipient=recipient, template="herinnering_concept",
                           enterprise_id=application.enterprise_id, application=application,
                           measure=get_measure(application.measure),
                           contact=application.answer("contact", "name") or application.created_by.name) is not None
        db.session.commit()
    return sent


def unanswered_questions() -> int:
    """The department asked for information 14 days ago and the applicant did not answer yet."""
    limit = now() - timedelta(days=reminders.STALE_DAYS)
    sent = 0
    for request in db.session.scalars(db.select(InformationRequest).join(
            Application, Application.id == InformationRequest.application_id).where(
            InformationRequest.answered_at.is_(None), InformationRequest.asked_at <= limit,
            Application.state == dossier_states.ONVOLLEDIG).order_by(InformationRequest.id)):
        application = db.session.get(Application, request.application_id)
        sent += notices.reminder(application, f"informatie:{request.id}:herinnering", "herinnering_informatie",
                              request=request) is not None
        db.session.commit()
    return sent


def send_all() -> dict[str, int]:
    return {"voorlaatste-kwartaal": penultimate_quarter(), "laatste-jaar": last_year(),
            "concept": untouched_drafts(), "informatie": unanswered_questions()}
