"""(e) The back-office work queue (Backoffice › Werkbak) with 2,000 submitted dossiers, created
directly in the database (no jobs, no e-mail), spread over the demo enterprises and every state."""

import random
from datetime import datetime, timedelta

from benchmarks import at_most, expect, info
from portal.clock import now
from portal.domain import dossier_states as machine
from portal.extensions import db
from portal.models import Application, Dossier, Enterprise, User

DOSSIERS = 2000
TARGET_P95_MS = 300
# (state, admissibility, share)
MIX = [
    (machine.INGEDIEND, None, 30),
    (machine.IN_ONDERZOEK, None, 25),
    (machine.ONVOLLEDIG, None, 10),
    (machine.IN_ONDERZOEK, machine.ONTVANKELIJK, 15),
    (machine.GOEDGEKEURD, machine.ONTVANKELIJK, 10),
    (machine.GEWEIGERD, machine.ONTVANKELIJK, 5),
    (machine.INGEDIEND, machine.NIET_ONTVANKELIJK, 5),
]


def create_dossiers(count: int, email_for=lambda i: "els@bakkerij-peeters.test") -> None:
    """`count` submitted dossiers; `email_for(i)` gives the i-th one's contact e-mail."""
    rng = random.Random(42)
    enterprises = db.session.scalars(db.select(Enterprise).where(Enterprise.kind == "werkgever")).all()
    els = db.session.scalar(db.select(User).filter_by(subject="els"))
    kinds = [(state, admissibility) for state, admissibility, share in MIX for _ in range(share)]
    base: datetime = now().replace(microsecond=0)
    applications = []
    for i in range(count):
        state, admissibility = rng.choice(kinds)
        submitted = base - timedelta(days=rng.randint(0, 30), minutes=rng.randint(0, 1440))
        applications.append(Application(
            enterprise_id=enterprises[i % len(enterprises)].id, created_by_id=els.id,
            measure=rng.choice(("im", "vop")), kind="nieuw", applicant_type="werkgever", state=state,
            admissibility=admissibility, answers={"contact": {"name": "Els Peeters", "email": email_for(i)}},
            employee_national_number=f"{i:011d}", employee_name=f"Werknemer {i}",
            submitted_at=submitted, created_at=submitted, updated_at=submitted))
    db.session.add_all(applications)
    db.session.flush()
    for application in applications:
        application.number = f"{application.measure.upper()}-{application.submitted_at.year}-{application.id:06d}"
        onvolledig = application.state == machine.ONVOLLEDIG
        db.session.add(Dossier(
            application_id=application.id, enterprise_id=application.enterprise_id,
            received_on=application.submitted_at.date(), checks=[], reasons=[],
            suspended_since=(application.submitted_at + timedelta(days=2)).date() if onvolledig else None))
    db.session.commit()


def run(env, quick: bool):
    count = 8 if quick else 30
    with env.context():
        create_dossiers(DOSSIERS)
        total = db.session.scalar(db.select(db.func.count()).select_from(Application)
                                  .filter(Application.state != "draft"))
    client = env.client("sofie")
    page = client.get("/backoffice/dossiers/")
    if page.status_code != 200 or f"({total} dossiers)" not in page.get_data(as_text=True):
        raise RuntimeError(f"werkbak: status {page.status_code}, niet de {total} dossiers")

    def request(_i):
        expect(client.get("/backoffice/dossiers/"), 200, "werkbak")

    timings = env.timed(count, request, warmup=2)
    filtered = env.timed(count, lambda _i: expect(client.get("/backoffice/dossiers/?termijn=7"), 200, "werkbak"),
                         warmup=1)
    return [
        info(f"Werkbak, {total} dossiers ({count} GET): p50", timings.median_ms, "ms"),
        at_most("Werkbak: p95", timings.percentile(95), "ms", TARGET_P95_MS),
        info("Werkbak: CPU per request", timings.cpu_ms, "ms"),
        info("Werkbak: SQL-queries per request", timings.queries_per_request, ""),
        info("Werkbak gefilterd (termijn ≤ 7 dagen): p95", filtered.percentile(95), "ms"),
    ]
