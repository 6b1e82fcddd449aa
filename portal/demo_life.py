"""Demo dossiers in every state a user or staff member meets, relative to today (`flask loket
seed-demo`; the browser tests load them where they need them). Idempotent: loaded once.

Els (Bakkerij Peeters NV) sees: submitted, waiting for information, not admissible, approved and
running (first year: evaluation not yet, with its date), a VOP in its penultimate quarter, a VOP of
indefinite duration (evaluated through a new individueel-maatwerk application), a 5-year grant in its
last year (the "Evalueren" button), one with an evaluation in progress, and an ended one; for Schoonmaak Vandenbroucke BV: a refused VOP within its 45-day reconsideration window.
Sofie (staff) finds the open ones in the Werkbak."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from portal.clock import today
from portal.domain.quarters import quarter_of
from portal.extensions import db
from portal.models import (Application, Dossier, DossierEvent, Enterprise, InformationRequest, RszEmployment, User,
                           VdabRecord, WopRequest)
from portal.services.dossiers import wop_requests

CONTACT = {"name": "Els Peeters", "email": "els@bakkerij-peeters.be", "phone": "015 12 34 56"}


def national_number(birth: str, sequence: int) -> str:
    """A valid rijksregisternummer for someone born in the 1900s: yymmdd, sequence, mod-97 check."""
    base = f"{birth}{sequence:03d}"
    return f"{base}{97 - int(base) % 97:02d}"


@dataclass(frozen=True)
class Person:
    name: str
    number: str


JAN = Person("Jan Verstraeten", national_number("870412", 101))
NINA = Person("Nina Jacobs", national_number("910223", 203))
KOEN = Person("Koen Maes", national_number("830715", 305))
EVA = Person("Eva Lambrechts", national_number("950101", 407))
BRAM = Person("Bram Wouters", national_number("890909", 509))
HANNE = Person("Hanne Smets", national_number("860606", 611))
TIM = Person("Tim Goossens", national_number("920303", 713))
RUBEN = Person("Ruben De Wilde", national_number("800808", 815))
SVEN = Person("Sven Mertens", national_number("930512", 917))
LIEN = Person("Lien Hermans", national_number("880228", 121))
PEOPLE = (JAN, NINA, KOEN, EVA, BRAM, HANNE, TIM, RUBEN, SVEN, LIEN)

# (login, what it shows) for the README's demo table.
SHOWN = {
    "els": "Bakkerij Peeters NV: a dossier in every state; Schoonmaak Vandenbroucke BV: a refused VOP to reconsider",
    "sofie": "the open ones in the Werkbak, with an evaluation and a reconsideration request",
}


def _application(enterprise, user, person, measure, state, admissibility, submitted: date, premie="loonpremie",
                 kind=None, parent=None, answers_extra=None) -> Application:
    answers = {"contact": dict(CONTACT),
               "werknemer": {"national_number": person.number, "first_name": person.name.split()[0],
                             "last_name": person.name.split(maxsplit=1)[1]}}
    if measure == "im":
        answers["premie"] = {"premie": premie}
    answers.update(answers_extra or {})
    application = Application(enterprise_id=enterprise.id, created_by_id=user.id, measure=measure,
                              kind=kind or ("nieuw" if measure == "im" else "basis"), applicant_type="werkgever",
                              state=state, admissibility=admissibility, answers=answers,
                              employee_national_number=person.number, employee_name=person.name,
                              parent_id=parent.id if parent else None,
                              submitted_at=datetime.combine(submitted, time(10)),
                              created_at=datetime.combine(submitted, time(9)),
                              updated_at=datetime.combine(submitted, time(10)))
    db.session.add(application)
    db.session.flush()
    application.number = f"{measure.upper()}-{submitted.year}-{application.id:06d}"
    # check_attempts=1: the automatic check is not run again on demo data.
    db.session.add(Dossier(application_id=application.id, enterprise_id=enterprise.id, received_on=submitted,
                           checks=[], reasons=[], check_attempts=1))
    _event(application, "ingediend", "applicant", user, submitted)
    return application


def _event(application, action, actor, user, day, reason=None):
    db.session.add(DossierEvent(application_id=application.id, at=datetime.combine(day, time(12)), actor=actor,
                                user_id=user.id if user else None, action=action, state=application.state,
                                admissibility=application.admissibility, reason=reason))


def _grant(application, begin: date, end: date, percentage: int, staff, decided: date | None = None):
    dossier = db.session.get(Dossier, application.id)
    dossier.admissibility_on = application.dossier.received_on if application.dossier else begin
    dossier.percentage, dossier.begin, dossier.end = percentage, begin, end
    dossier.decided_on = decided or begin
    _event(application, "ontvankelijk_verklaren", "system", None, dossier.admissibility_on)
    _event(application, "goedkeuren", "staff", staff, dossier.decided_on,
           f"{percentage}% van {begin:%d/%m/%Y} tot {end:%d/%m/%Y}")


def _wop_evaluation(application, user, day):
    """A WOP evaluation (seed 004) waiting for the employee's signature: the link went to Hanne."""
    row = WopRequest(application_id=application.id, enterprise_id=application.enterprise_id, kind="evaluatie",
                     reason="medisch", motivation="Na een ongeval heeft Hanne meer begeleiding nodig.", package="WOP 4",
                     pop_on=day - timedelta(days=60), employee_email="hanne.smets@telenet.be", created_by_id=user.id,
                     created_at=datetime.combine(day - timedelta(days=2), time(9)),
                     document_names=["POP Hanne Smets.pdf", "Motivatieverslag medische problematiek.pdf"])
    db.session.add(row)
    db.session.flush()
    wop_requests.send_link(application, row)
    _event(application, "wop_evaluatie", "applicant", user, day - timedelta(days=2),
           "Gewijzigde én geattesteerde medische problematiek. Wacht op de handtekening van de werknemer.")


def seed() -> bool:
    """Load the demo dossiers (after `portal.demo.seed`); False when they are there already."""
    if db.session.scalar(db.select(Application).filter_by(employee_national_number=JAN.number)) is not None:
        return False
    day = today()
    q = quarter_of(day)
    bakery = db.session.scalar(db.select(Enterprise).filter_by(number="0403170701"))
    cleaning = db.session.scalar(db.select(Enterprise).filter_by(number="0876543270"))
    els = db.session.scalar(db.select(User).filter_by(subject="els"))
    sofie = db.session.scalar(db.select(User).filter_by(subject="sofie"))
    packages = {EVA: "WOP 1", KOEN: "WOP 2", HANNE: "WOP 4"}  # the others WOP 3 (seed 004)
    for person, years in ((JAN, 5), (NINA, None), (KOEN, 2), (EVA, 5), (BRAM, 2), (HANNE, 5), (TIM, 5), (RUBEN, 2),
                          (LIEN, 5)):
        db.session.add(VdabRecord(national_number=person.number, need="loonpremie" if person is not KOEN else "loonpremie_begeleiding",
                                  need_years=years, package=packages.get(person, "WOP 3"), package_start=day - timedelta(days=400),
                                  handicap_status="erkend", status_date=day - timedelta(days=400)))
    # DIMONA: Eva hired a month ago (the 8-week correction window is open), Hanne four years ago.
    for person, start in ((EVA, day - timedelta(days=30)), (HANNE, q.shift(-17).start)):
        db.session.add(RszEmployment(enterprise_number=bakery.number, national_number=person.number, start=start))
    db.session.add(VdabRecord(national_number=SVEN.number, need="geen", need_years=None, package=None,
                              handicap_status="geweigerd", status_date=day - timedelta(days=10)))

    _application(bakery, els, JAN, "im", "ingediend", None, day - timedelta(days=2))

    nina = _application(bakery, els, NINA, "vop", "onvolledig", "ontvankelijk", day - timedelta(days=20))
    nina.dossier.admissibility_on = day - timedelta(days=18)
    _event(nina, "ontvankelijk_verklaren", "system", None, day - timedelta(days=18))
    question = "Bezorg het arbeidscontract van de werknemer."
    db.session.add(InformationRequest(application_id=nina.id, enterprise_id=bakery.id, question=question,
                                      asked_by_id=sofie.id, asked_at=datetime.combine(day - timedelta(days=5), time(11))))
    _event(nina, "informatie_vragen", "staff", sofie, day - timedelta(days=5), question)

    koen = _application(bakery, els, KOEN, "im", "ingediend", "niet_ontvankelijk", day - timedelta(days=30))
    koen.dossier.admissibility_on = day - timedelta(days=29)
    koen.dossier.reasons = ["De keuze voor de premie die u maakte in de aanvraag (loonpremie) komt niet overeen met de "
                            "behoefte die VDAB vaststelde (loonpremie en begeleidingspremie). U kunt een nieuwe "
                            "aanvraag indienen met de juiste keuze."]
    _event(koen, "niet_ontvankelijk_verklaren", "system", None, day - timedelta(days=29), koen.dossier.reasons[0])

    eva = _application(bakery, els, EVA, "im", "goedgekeurd", "ontvankelijk", q.start - timedelta(days=20))
    _grant(eva, q.start, q.shift(19).end, 45, sofie, day if day < q.start + timedelta(days=10) else q.start + timedelta(days=10))

    bram = _application(bakery, els, BRAM, "vop", "goedgekeurd", "ontvankelijk", q.shift(-6).start)
    _grant(bram, q.shift(-6).start, q.shift(1).end, 40, sofie, q.shift(-6).start + timedelta(days=20))

    hanne = _application(bakery, els, HANNE, "im", "goedgekeurd", "ontvankelijk", q.shift(-17).end - timedelta(days=20))
    _grant(hanne, q.shift(-16).start, q.shift(3).end, 45, sofie, q.shift(-16).start + timedelta(days=5))

    _wop_evaluation(hanne, els, day)

    tim = _application(bakery, els, TIM, "im", "goedgekeurd", "ontvankelijk", q.shift(-9).end - timedelta(days=20))
    _grant(tim, q.shift(-8).start, q.shift(11).end, 45, sofie, q.shift(-8).start + timedelta(days=5))
    filed = day - timedelta(days=12)
    evaluation = _application(bakery, els, TIM, "im", "in_onderzoek", "ontvankelijk", filed, kind="evaluatie", parent=tim,
                              answers_extra={"evaluatie": {"soort": "hoogte", "grant_end": tim.dossier.end.isoformat(),
                                                           "toelichting": "Tim heeft meer begeleiding nodig.",
                                                           "dossier": tim.number}})
    evaluation.dossier.admissibility_on = filed + timedelta(days=3)
    _event(evaluation, "ontvankelijk_verklaren", "staff", sofie, filed + timedelta(days=3))
    _event(tim, "evaluatie_aanvragen", "applicant", els, filed, f"Evaluatie van de hoogte van de premie ({evaluation.number})")

    lien = _application(bakery, els, LIEN, "vop", "goedgekeurd", "ontvankelijk", q.shift(-8).start)
    _grant(lien, q.shift(-8).start, q.shift(11).end, 40, sofie, q.shift(-8).start + timedelta(days=20))

    ruben = _application(bakery, els, RUBEN, "im", "goedgekeurd", "ontvankelijk", q.shift(-9).end - timedelta(days=20))
    _grant(ruben, q.shift(-8).start, q.shift(-1).end, 45, sofie, q.shift(-8).start + timedelta(days=5))

    sven = _application(cleaning, els, SVEN, "vop", "geweigerd", "ontvankelijk", day - timedelta(days=40))
    sven.dossier.admissibility_on = day - timedelta(days=39)
    sven.dossier.decided_on = day - timedelta(days=8)
    sven.dossier.decision_text = (f"VDAB weigerde het recht van de werknemer op een arbeidshandicap op "
                                  f"{day - timedelta(days=10):%d/%m/%Y}.")
    _event(sven, "ontvankelijk_verklaren", "system", None, day - timedelta(days=39))
    _event(sven, "weigeren", "staff", sofie, day - timedelta(days=8), sven.dossier.decision_text)
    db.session.commit()
    return True
