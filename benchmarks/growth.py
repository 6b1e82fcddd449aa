"""(h) Growth: the pages that list dossiers or messages at 1×, 10× and 100× as many dossiers
(1,000, 10,000, 100,000; --quick: 100, 1,000, 10,000), spread over 200 employers as a portal's
would be, with a campaign to every one of them. For each page: time per request and SQL queries
per request at each size. Flat or logarithmic is the target; linear is a defect.

The applicant's own list keeps the same dossiers at every size (els's bakery): what must not
grow is the cost of everybody else's."""

import random
import time
import uuid
from datetime import timedelta

from benchmarks import expect, info
from portal.clock import now
from portal.extensions import db
from portal.models import Application, BulkMessage, Dossier, Enterprise, OutboxMessage, User
from portal.services.dossiers import urgency

PAGES = [
    ("els", "0403170701", "/dossiers/", "Actuele stand (aanvrager)"),
    ("sofie", None, "/backoffice/dossiers/", "Werkbak"),
    ("bart", None, "/backoffice/berichten", "Berichten"),
    ("sofie", None, "/backoffice/e-mails", "E-mails"),
]


def grow(total: int, have: int) -> None:
    """Add dossiers (and one campaign e-mail each) until there are `total`, over 200 employers."""
    rng = random.Random(total)
    employers = db.session.scalars(db.select(Enterprise.id).filter(Enterprise.name.like("Groei %"))).all()
    for i in range(len(employers), 200):
        db.session.add(Enterprise(number=f"{1000000000 + i * 97:010d}"[:10], name=f"Groei {i} BV", kind="werkgever"))
    db.session.commit()
    employers = db.session.scalars(db.select(Enterprise.id).filter(Enterprise.name.like("Groei %"))).all()
    creator = db.session.scalar(db.select(User.id).filter_by(subject="els"))
    staff = db.session.scalar(db.select(User.id).filter_by(subject="sofie"))
    campaign = BulkMessage(subject=f"Groei tot {total}", body="…", measure="", audience="alle",
                           request_token=uuid.uuid4().hex, status="aangemaakt", created_by_id=staff,
                           recipients=total - have)
    db.session.add(campaign)
    db.session.commit()
    base = now().replace(microsecond=0)
    for start in range(have, total, 5000):
        rows = []
        for i in range(start, min(total, start + 5000)):
            submitted = base - timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 1440))
            rows.append({"enterprise_id": employers[i % len(employers)], "created_by_id": creator,
                         "measure": rng.choice(("im", "vop")), "kind": "nieuw", "applicant_type": "werkgever",
                         "state": rng.choice(("ingediend", "in_onderzoek", "goedgekeurd")), "paper": False,
                         "answers": {"contact": {"name": f"Contact {i}", "email": f"contact{i}@groei.test"}},
                         "employee_national_number": f"{i:011d}", "employee_name": f"Werknemer {i}",
                         "number": f"GR-{i:09d}", "submitted_at": submitted, "created_at": submitted,
                         "updated_at": submitted})
        ids = db.session.scalars(db.insert(Application).returning(Application.id, sort_by_parameter_order=True),
                                 rows).all()
        db.session.execute(db.insert(Dossier), [
            {"application_id": app_id, "enterprise_id": row["enterprise_id"], "received_on": row["submitted_at"].date(),
             "checks": [], "reasons": [], "suspended_days": 0, "check_attempts": 0}
            for app_id, row in zip(ids, rows)])
        urgency.refresh(ids)  # rows written with Core statements: the work queue's first deadline in SQL
        db.session.execute(db.insert(OutboxMessage), [
            {"dedupe_key": f"groei:{campaign.id}:{app_id}", "campaign_id": campaign.id, "lane": "campaign",
             "recipient": row["answers"]["contact"]["email"], "subject": "Groei", "body_text": "…",
             "body_html": "…", "message_id": f"<{uuid.uuid4().hex}@groei.test>", "status": "sent",
             "attempts": 1, "created_at": base, "updated_at": base, "sent_at": base}
            for app_id, row in zip(ids, rows)])
        db.session.commit()
    if db.engine.dialect.name == "postgresql":
        # Fresh statistics, as autovacuum gathers them within a minute of a bulk insert: without
        # them the planner costs the tables as they were before, which no portal runs with.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(db.text("ANALYZE"))


def run(env, quick: bool):
    sizes = (100, 1000, 10_000) if quick else (1000, 10_000, 100_000)
    clients = {}
    figures, have = [], 0
    for size in sizes:
        started = time.perf_counter()
        with env.context():
            grow(size, have)
        have = size
        figures.append(info(f"{size} dossiers klaarzetten", time.perf_counter() - started, "s"))
        for login, enterprise, path, name in PAGES:
            if (login, enterprise) not in clients:
                clients[(login, enterprise)] = env.client(login, enterprise)
            client = clients[(login, enterprise)]
            timings = env.timed(5 if quick else 10, lambda _i: expect(client.get(path), 200, name), warmup=2)
            figures.append(info(f"{name} bij {size} dossiers: p50 ({timings.queries_per_request:.0f} SQL-queries)",
                                timings.median_ms, "ms"))
    return figures
