"""Every e-mail and letter a dossier causes. Each is an outbox row (or letter row) added in the
caller's transaction, with a unique key (dossier, kind, occasion): a retry never sends twice."""

from flask import render_template

from portal.domain.changes import describe, in_words
from portal.domain.dossier_states import GOEDGEKEURD
from portal.domain.measures import get_measure
from portal.extensions import db
from portal.mail.outbox import queue_mail
from portal.models import Application, Letter
from portal.services.dossiers import answers, decision_terms
from portal.sources import reference


def _mail(application: Application, occasion: str, template: str, recipient: str | None = None,
          contact: str | None = None, **context):
    reported = answers.reported_contact(application)  # once, for address and name
    recipient = recipient or answers.contact_email(application, reported)
    if not recipient:
        return None
    return queue_mail(
        dedupe_key=f"dossier:{application.id}:{occasion}", recipient=recipient, template=template,
        enterprise_id=application.enterprise_id, application=application, dossier=application.dossier,
        measure=get_measure(application.measure), contact=contact or answers.contact_name(application, reported),
        **context,
    )


def confirmation(application: Application):
    """Receipt of the application (seeds 000, 003)."""
    return _mail(application, "ontvangen", "dossier_ontvangen")


def admissibility(application: Application):
    """Ontvankelijk, with when the decision follows (30 days, an evaluation 120 days after VDAB's evaluation,
    seed 003), or niet ontvankelijk with each reason and the new-application sentence (seed 001)."""
    if application.admissibility == "ontvankelijk":
        return _mail(application, "ontvankelijkheid", "dossier_ontvankelijk", term=decision_terms.decision_term(application),
                     evaluation=decision_terms.is_evaluation_request(application))
    return _mail(application, "ontvankelijkheid", "dossier_niet_ontvankelijk")


def information_requested(application: Application, request):
    return _mail(application, f"informatie:{request.id}", "dossier_informatie", request=request)


def decision(application: Application):
    """The decision to the applicant, and the employee's copy by e-mail or letter (seed 003)."""
    if application.state == GOEDGEKEURD:
        # Each measure's own payment rule (measure.payment) and its own changes to report.
        _mail(application, "beslissing", "dossier_goedgekeurd", package=reference.package(application.dossier.wop_package),
              change_words=in_words(answers.reportable_changes(application)))
    else:
        _mail(application, "beslissing", "dossier_geweigerd")
    if answers.for_self(application) or not application.employee_name:
        return
    employee_email = answers.employee_email(application)
    if employee_email:
        _mail(application, "beslissing:werknemer", "dossier_kopie_werknemer", recipient=employee_email)
    else:
        letter(application, "beslissing:werknemer", "letters/kopie_werknemer.txt")


def letter(application: Application, occasion: str, template: str) -> Letter | None:
    key = f"dossier:{application.id}:{occasion}"
    if db.session.scalar(db.select(Letter).filter_by(dedupe_key=key)) is not None:
        return None
    body = render_template(template, application=application, dossier=application.dossier,
                           measure=get_measure(application.measure))
    subject, _, text = body.strip().partition("\n")
    row = Letter(dedupe_key=key, application_id=application.id, recipient=application.employee_name,
                 address=answers.employee_address(application), subject=subject.strip(), body=text.strip())
    db.session.add(row)
    db.session.flush()
    return row


def vdab_not_finished(application: Application):
    """VOP: VDAB did not finish within 4 months after admissibility; once per dossier (seed 001)."""
    return _mail(application, "vdab-4-maanden", "dossier_vdab_4_maanden")


def change_reported(application: Application, notice, previous: tuple[str | None, str] | None = None):
    """Confirms a reported change (seed 003, step 7) to the contact person, the new one included.
    A contact person who is replaced hears it too, so a change they did not expect does not go unseen."""
    _mail(application, f"wijziging:{notice.id}", "dossier_wijziging", notice=notice, change=describe(notice.kind, notice.details))
    email, name = previous or (None, "")
    if email and email.lower() != (answers.contact_email(application) or "").lower():
        _mail(application, f"wijziging:{notice.id}:vorige", "dossier_contact_vervangen", recipient=email,
              contact=name, notice=notice, change=describe(notice.kind, notice.details))


def reminder(application: Application, occasion: str, template: str, **context):
    """A reminder of the dossier's life (portal/services/dossiers/reminders.py), once per occasion."""
    return _mail(application, occasion, template, **context)


def wop_signed(application: Application, request):
    """The employer hears that the employee co-signed the WOP evaluation and it went to VDAB (seed 004)."""
    return _mail(application, f"wop:{request.id}:ondertekend", "wop_ondertekend", request=request)
