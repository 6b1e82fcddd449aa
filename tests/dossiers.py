"""Test data for dossiers: a complete draft, submitted through `portal.services.dossiers.submission.submit`."""

from datetime import date

from portal.services.dossiers import submission as service
from portal.extensions import db
from portal.models import Application, RszEmployment, VdabRecord

PIETER = "85073003328"  # demo: VDAB need loonpremie, 5 years, WOP 3


def reference(national_number=PIETER, enterprise_number="0403170701", need="loonpremie", years=5, package="WOP 3",
              handicap="erkend", status_date=date(2025, 1, 15), start=date(2025, 3, 1), end=None):
    db.session.add(VdabRecord(national_number=national_number, need=need, need_years=years, package=package,
                              handicap_status=handicap, status_date=status_date))
    if start is not None:
        db.session.add(RszEmployment(enterprise_number=enterprise_number, national_number=national_number,
                                     start=start, end=end))
    db.session.commit()


def draft(enterprise, user, *, measure="im", applicant_type="werkgever", premie="loonpremie",
          national_number=PIETER, name="Pieter Wouters", email="contact@bedrijf.test", **extra):
    answers = {
        "contact": {"name": "Els Peeters", "email": email, "phone": "015 12 34 56"},
        "werknemer": {"national_number": national_number, "first_name": name.split()[0],
                      "last_name": name.split()[-1]},
        "premie": {"premie": premie, **extra},
    }
    application = Application(enterprise_id=enterprise.id, created_by_id=user.id, measure=measure, kind="nieuw",
                              applicant_type=applicant_type, answers=answers,
                              employee_national_number=national_number, employee_name=name)
    db.session.add(application)
    db.session.commit()
    return application


def submitted(enterprise, user, **kwargs):
    return service.submit(draft(enterprise, user, **kwargs), user)


def approved(enterprise, user, begin, end, *, percentage=45, decided_on=None, **kwargs):
    """A submitted dossier as if staff approved it: goedgekeurd, with its dates (no e-mails queued)."""
    application = submitted(enterprise, user, **kwargs)
    application.state, application.admissibility = "goedgekeurd", "ontvankelijk"
    dossier = application.dossier
    dossier.admissibility_on = begin
    dossier.percentage, dossier.begin, dossier.end = percentage, begin, end
    dossier.decided_on = decided_on or begin
    db.session.commit()
    return application


def refused(enterprise, user, **kwargs):
    application = submitted(enterprise, user, **kwargs)
    application.state, application.admissibility = "geweigerd", "ontvankelijk"
    application.dossier.decided_on = application.dossier.received_on
    application.dossier.decision_text = "VDAB weigerde het recht van de werknemer."
    db.session.commit()
    return application
