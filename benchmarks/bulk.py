"""(f) Berichten aan aanvragers: a staff message to every dossier, 2,000 dossiers with as many
contact addresses (created directly, as in the work-queue benchmark). The preview computes the
recipients in the web request; the fan-out job writes one outbox row per address (each row is
rendered, and enqueued for delivery after its batch commits; delivery itself is benchmark (d))."""

import time

from benchmarks import at_least, at_most, expect, info
from benchmarks.work_queue import create_dossiers
from portal.services import campaigns as bulk
from portal.extensions import db
from portal.models import User

DOSSIERS = 2000
TARGET_PREVIEW_P95_MS = 1000
TARGET_ROWS_S = 200
FORM = {"subject": "Nieuwe betaalkalender", "body": "Vanaf januari betalen wij op de 20ste.", "measure": "",
        "audience": "alle", "actie": "voorbeeld"}


def run(env, quick: bool):
    count = 3 if quick else 10
    with env.context():
        create_dossiers(DOSSIERS, email_for=lambda i: f"contact{i}@onderneming{i % 40}.test")
        recipients = len(bulk.recipients("", "alle"))
    client = env.client("bart")
    preview = env.timed(count, lambda _i: expect(client.post("/backoffice/berichten/nieuw", data=FORM), 200,
                                                 "voorbeeld"), warmup=1)
    with env.context():
        sofie = db.session.scalar(db.select(User).filter_by(subject="bart"))
        message, _ = bulk.create(subject=FORM["subject"], body=FORM["body"], measure="", audience="alle",
                                 token="benchmark", user=sofie)
        env.redis.flushdb()  # the job is called here, not by a worker
        before_queries = env.queries.count
        start, cpu = time.perf_counter(), time.process_time()
        written = bulk.fan_out(message.id)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        queries = env.queries.count - before_queries
    env.redis.flushdb()  # the delivery jobs it enqueued are not run
    if written != recipients:
        raise RuntimeError(f"fan-out schreef {written} rijen voor {recipients} ontvangers")
    return [
        info(f"Voorbeeld, {recipients} ontvangers ({count} POST): p50", preview.median_ms, "ms"),
        at_most("Voorbeeld: p95", preview.percentile(95), "ms", TARGET_PREVIEW_P95_MS),
        info("Voorbeeld: SQL-queries per request", preview.queries_per_request, ""),
        at_least(f"Fan-out: {written} outbox-rijen", written / elapsed, "rijen/s", TARGET_ROWS_S),
        info("Fan-out: CPU per rij", cpu / written * 1000, "ms"),
        info("Fan-out: SQL-queries per rij", queries / written, ""),
    ]
