"""(i) The quarterly premium run: 100,000 running dossiers (--quick: 10,000) with their RSZ
declaration of a quarter, the calculation computed and written (portal/services/payments/calculation.py,
batched), next to the time of one bare INSERT … SELECT of as many rows in the same database; the
second run (nothing new), the approval of the run (one UPDATE of every line), and the Berekeningen
tab of a dossier with 20 paid quarters in a constant number of SQL queries.

PostgreSQL only, in its own database `loket_bench_calc` on DATABASE_URL's server (created and
dropped here); on SQLite it says so and measures nothing."""

import contextlib
import io
import os
import time
from datetime import date

import psycopg
from sqlalchemy import text
from sqlalchemy.engine import make_url

from benchmarks import BenchmarkError, QueryCounter, at_most, expect, info
from portal import demo
from portal.config import database_url
from portal.extensions import db
from portal.models import Enterprise, PaymentRun, User
from portal.services.payments import calculation, runs
from tests import dossiers, support

DATABASE = "loket_bench_calc"
QUARTER = (2026, 3)
TODAY = date(2026, 10, 15)  # the 3rd quarter of 2026 is the last complete one


def _admin(url) -> psycopg.Connection:
    return psycopg.connect(url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False),
                           autocommit=True)


def _recreate(url, drop_only=False) -> None:
    with _admin(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')


def _grow(total: int) -> None:
    """Enterprises (with an account), approved dossiers and one declaration each, set-based."""
    creator = db.session.scalar(db.select(User.id).filter_by(subject="els"))
    db.session.execute(text(
        "INSERT INTO enterprise (number, name, kind, iban) SELECT lpad((1000000000 + g)::text, 10, '0'), "
        "'Kwartaal ' || g || ' BV', 'werkgever', 'BE71096123456769' FROM generate_series(1, 2000) g"))
    first = db.session.scalar(text("SELECT min(id) FROM enterprise WHERE name LIKE 'Kwartaal %'"))
    db.session.execute(text(
        "INSERT INTO application (enterprise_id, created_by_id, measure, kind, applicant_type, state, admissibility, "
        "answers, employee_national_number, employee_name, number, paper, created_at, updated_at, submitted_at) "
        "SELECT :first + g % 2000, :creator, CASE WHEN g % 3 = 0 THEN 'vop' ELSE 'im' END, 'nieuw', 'werkgever', "
        "'goedgekeurd', 'ontvankelijk', '{}', lpad(g::text, 11, '0'), 'Werknemer ' || g, 'KW-' || g, false, "
        "now(), now(), now() FROM generate_series(1, :total) g"), {"first": first, "creator": creator, "total": total})
    # Grants from 1 January 2025 on, some starting inside the measured quarter (only their part is paid).
    db.session.execute(text(
        "INSERT INTO dossier (application_id, enterprise_id, received_on, suspended_days, checks, reasons, "
        "check_attempts, waiting_for_vdab, percentage, begin, \"end\", decided_on) "
        "SELECT id, enterprise_id, DATE '2025-01-01', 0, '[]', '[]', 1, false, CASE WHEN id % 2 = 0 THEN 45 ELSE 60 END, "
        "DATE '2025-01-01' + (id % 600), DATE '2029-12-31', DATE '2025-01-01' FROM application WHERE number LIKE 'KW-%'"))
    db.session.execute(text(
        "INSERT INTO rsz_declaration (enterprise_number, national_number, year, quarter, days, hours, wage) "
        "SELECT e.number, a.employee_national_number, :year, :quarter, 64, 486.4, 4000 + (a.id % 6000) "
        "FROM application a JOIN enterprise e ON e.id = a.enterprise_id WHERE a.number LIKE 'KW-%'"),
        {"year": QUARTER[0], "quarter": QUARTER[1]})
    db.session.commit()
    db.session.execute(text("ANALYZE"))


BARE = ("INSERT INTO bench_line (application_id, enterprise_id, measure, year, quarter, sequence, days, hours, wage, "
        "covered_days, quarter_days, reference_wage, percentage, premium, amount, computed_at) "
        "SELECT d.application_id, a.enterprise_id, a.measure, r.year, r.quarter, 0, r.days, r.hours, r.wage, 92, 92, "
        "r.wage, d.percentage, round(r.wage * d.percentage / 100, 2), round(r.wage * d.percentage / 100, 2), now() "
        "FROM dossier d JOIN application a ON a.id = d.application_id JOIN enterprise e ON e.id = a.enterprise_id "
        "JOIN rsz_declaration r ON r.enterprise_number = e.number AND r.national_number = a.employee_national_number "
        "WHERE a.state = 'goedgekeurd'")


def _twenty_quarters() -> int:
    """Els's bakery: a dossier with a declaration for each of 20 quarters (4th 2021 to 3rd 2026)."""
    bakery = db.session.scalar(db.select(Enterprise).filter_by(number="0403170701"))
    bakery.iban = "BE71096123456769"
    els = db.session.scalar(db.select(User).filter_by(subject="els"))
    application = dossiers.approved(bakery, els, date(2021, 10, 1), date(2026, 9, 30), percentage=45,
                                    national_number="85073003328")
    for index in range(2021 * 4 + 3, 2026 * 4 + 3):
        db.session.execute(text(
            "INSERT INTO rsz_declaration (enterprise_number, national_number, year, quarter, days, hours, wage) "
            "VALUES ('0403170701', '85073003328', :y, :q, 64, 486.4, 7800)"), {"y": index // 4, "q": index % 4 + 1})
    db.session.commit()
    return application.id


def _client(app, enterprise_number: str):
    client = app.test_client()
    expect(client.post("/aanmelden", data={"login": "els", "password": demo.PASSWORD}), 303, "aanmelden als els")
    with app.app_context():
        enterprise_id = db.session.scalar(db.select(Enterprise.id).filter_by(number=enterprise_number))
    expect(client.post("/onderneming", data={"enterprise": enterprise_id}), 303, "onderneming kiezen")
    return client


def run(env, quick: bool):
    raw = os.environ.get("DATABASE_URL", "")
    if not raw.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        print("    overgeslagen: de kwartaalberekening wordt alleen op PostgreSQL gemeten (zet DATABASE_URL)", flush=True)
        return [info("overgeslagen: geen PostgreSQL in DATABASE_URL", 0, "")]
    total = 10_000 if quick else 100_000
    url = make_url(database_url(raw, env.workdir)).set(database=DATABASE)
    _recreate(url)
    app = support.create_app(support.overrides(env.workdir, WTF_CSRF_ENABLED=False,
                                               SQLALCHEMY_DATABASE_URI=url.render_as_string(hide_password=False)))
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            support.migrate_fresh(app)
        support.use_redis(app, env.redis)
        figures = []
        with app.app_context():
            demo.seed()
            counter = QueryCounter(db.engine)
            tab_dossier = _twenty_quarters()
            started = time.perf_counter()
            _grow(total)
            figures.append(info(f"{total} lopende dossiers met hun aangifte klaarzetten", time.perf_counter() - started, "s"))

            started = time.perf_counter()
            outcome = calculation.run(TODAY)
            seconds = time.perf_counter() - started
            written = db.session.scalar(text("SELECT count(*) FROM premium_line"))
            if outcome.lines != written or written < total:
                raise BenchmarkError(f"{outcome.lines} regels geschreven, {written} in de tabel, {total} verwacht")
            figures.append(at_most(f"Kwartaalberekening: {outcome.lines} regels berekend en geschreven", seconds, "s", 60))

            db.session.execute(text("CREATE TABLE bench_line (LIKE premium_line INCLUDING DEFAULTS INCLUDING INDEXES)"))
            db.session.commit()
            started = time.perf_counter()
            bare = db.session.execute(text(BARE)).rowcount
            db.session.commit()
            figures.append(info(f"Ter vergelijking: één kale INSERT … SELECT van {bare} regels", time.perf_counter() - started, "s"))

            started = time.perf_counter()
            again = calculation.run(TODAY)
            figures.append(info(f"Tweede run, niets nieuws ({again.lines} regels)", time.perf_counter() - started, "s"))

            started = time.perf_counter()
            for open_run in db.session.scalars(db.select(PaymentRun).filter_by(status="open")).all():
                runs.approve(open_run, db.session.scalar(db.select(User).filter_by(subject="sofie")))
            figures.append(info("Betalingsrondes goedkeuren (rekening op elke regel)", time.perf_counter() - started, "s"))

            lines = db.session.scalar(text(f"SELECT count(*) FROM premium_line WHERE application_id = {tab_dossier}"))
            db.session.remove()
        client = _client(app, "0403170701")
        url_tab = f"/dossiers/{tab_dossier}/berekeningen"
        expect(client.get(url_tab), 200, "Berekeningen")
        timings = []
        for _ in range(5 if quick else 20):
            before = counter.count
            started = time.perf_counter()
            expect(client.get(url_tab), 200, "Berekeningen")
            timings.append((time.perf_counter() - started, counter.count - before))
        queries = {count for _s, count in timings}
        median = sorted(s for s, _c in timings)[len(timings) // 2] * 1000
        figures.append(info(f"Tabblad Berekeningen, {lines} kwartalen: p50 ({'/'.join(map(str, sorted(queries)))} "
                            "SQL-queries per request)", median, "ms"))
        return figures
    finally:
        support.dispose(app)
        _recreate(url, drop_only=True)
