"""Speed and memory figures for the portal (`make bench`, i.e. `python -m benchmarks [--quick]`).

These are figures with a target beside them, never assertions: `make test` does not time anything.
Each benchmark module has `run(env, quick) -> list[Figure]` and works on one throwaway app built
like the test suite builds it (tests/support.py): a temporary SQLite file and an embedded Redis,
or DATABASE_URL / REDIS_URL when set (their tables and Redis database are emptied, as the test
suite does), with the demo data of portal/demo.py and CSRF off.
"""

import contextlib
import io
import logging
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event

from portal import demo
from portal.extensions import db
from tests import support

DEMO_PASSWORD = demo.PASSWORD


@dataclass
class Figure:
    """One measured figure; `ok` is None for figures without a target."""

    name: str
    value: float
    unit: str
    target: str = ""
    ok: bool | None = None

    def shown(self) -> str:
        if self.unit in ("ms",):
            return f"{self.value:.1f} {self.unit}"
        if self.unit == "×":  # a ratio against a target such as 0.4: one decimal would show 0.25 as 0.3
            return f"{self.value:.2f} {self.unit}"
        if self.unit in ("MB/s", "MB", "msg/s", "req/s"):
            return f"{self.value:.1f} {self.unit}"
        return f"{self.value:.0f} {self.unit}".rstrip()

    def verdict(self) -> str:
        return "" if self.ok is None else ("ok" if self.ok else "BOVEN DOEL")


def at_most(name, value, unit, limit) -> Figure:
    return Figure(name, value, unit, f"< {limit:g} {unit}", value < limit)


def at_least(name, value, unit, floor) -> Figure:
    return Figure(name, value, unit, f"≥ {floor:g} {unit}", value >= floor)


def info(name, value, unit) -> Figure:
    return Figure(name, value, unit)


class QueryCounter:
    """Counts SQL statements sent by the app's engine (to spot N+1 queries)."""

    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *args):
        self.count += 1


@dataclass
class Timings:
    seconds: list[float]
    queries: int
    cpu: float  # process CPU seconds over all the calls: steadier than wall time on a busy machine

    @property
    def total(self) -> float:
        return sum(self.seconds)

    @property
    def per_second(self) -> float:
        return len(self.seconds) / self.total

    def percentile(self, p: float) -> float:
        """Latency in ms at percentile p (nearest rank)."""
        ordered = sorted(self.seconds)
        rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[rank] * 1000

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def cpu_ms(self) -> float:
        return self.cpu / len(self.seconds) * 1000

    @property
    def queries_per_request(self) -> float:
        return self.queries / len(self.seconds)


UNLIMITED = {name: "100000 per minute" for name in ("RATELIMIT_SUBMIT", "RATELIMIT_SUBMIT_PER_ADDRESS",
                                                     "RATELIMIT_UPLOAD", "RATELIMIT_UPLOAD_PER_ADDRESS")}


class Env:
    """The throwaway app, its Redis and a few helpers shared by the benchmarks."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.redis = support.open_redis(workdir)
        self.redis.flushdb()
        # One demo user plays every applicant: the per-user and per-address limits on uploading and
        # submitting (portal/ratelimits.py) are lifted, as they are for benchmarks/web.py's servers.
        self.app = support.create_app(support.overrides(workdir, WTF_CSRF_ENABLED=False, **UNLIMITED))
        with contextlib.redirect_stderr(io.StringIO()) as log:  # Alembic logs each migration at INFO
            try:
                support.migrate_fresh(self.app)
            except Exception:
                sys.stderr.write(log.getvalue())
                raise
        support.use_redis(self.app, self.redis)
        with self.app.app_context():
            demo.seed()
            self.queries = QueryCounter(db.engine)

    def close(self):
        self.redis.flushdb()
        support.close_redis(self.redis)
        support.dispose(self.app)

    @contextmanager
    def context(self):
        with self.app.app_context():
            try:
                yield self.app
            finally:
                db.session.remove()

    def client(self, login: str, enterprise_number: str | None = None):
        """A test client logged in as a demo user, acting for the enterprise with that number."""
        from portal.models import Enterprise

        client = self.app.test_client()
        response = client.post("/aanmelden", data={"login": login, "password": DEMO_PASSWORD})
        expect(response, 303, f"aanmelden als {login}")
        if enterprise_number:
            with self.context():
                enterprise_id = db.session.scalar(db.select(Enterprise.id).filter_by(number=enterprise_number))
            expect(client.post("/onderneming", data={"enterprise": enterprise_id}), 303, "onderneming kiezen")
        return client

    def timed(self, count: int, request, warmup: int = 5) -> Timings:
        """Call `request(i)` `count` times after a warm-up; wall-clock seconds per call and SQL count."""
        for i in range(warmup):
            request(-1 - i)
        seconds = []
        before, cpu = self.queries.count, time.process_time()
        for i in range(count):
            start = time.perf_counter()
            request(i)
            seconds.append(time.perf_counter() - start)
        return Timings(seconds, self.queries.count - before, time.process_time() - cpu)


class BenchmarkError(RuntimeError):
    """The page did not answer as expected: its figure would mean nothing."""


def expect(response, status: int, what: str):
    if response.status_code != status:
        body = response.get_data(as_text=True)[:300].replace("\n", " ")
        response.close()
        raise BenchmarkError(f"{what}: status {response.status_code}, verwacht {status}: {body}")
    response.close()
    return response


@contextmanager
def workdir():
    with tempfile.TemporaryDirectory(prefix="loket-bench-") as path:
        yield Path(path)


def quiet_rq():
    """RQ's worker logs a line per job at INFO; keep its warnings and errors only."""
    for name in ("rq.worker", "rq.job", "rq.queue", "rq.scheduler"):
        logger = logging.getLogger(name)
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        logger.addHandler(handler)
        logger.propagate = False


# The individueel-maatwerk wizard, filled the way tests/test_wizard.py fills it.
BAKERY = "0403170701"  # Bakkerij Peeters NV: els has the rights VOP and individueel maatwerk
CONTACT = {"name": "Els Peeters", "email": "els@bakkerij-peeters.be", "phone": "015 12 34 56"}
EMPLOYEE = {"national_number": "85.07.30-033.28", "first_name": "Pieter", "last_name": "Wouters",
            "start_date": "2025-03-01", "street": "Bruul 12", "postcode": "2800", "municipality": "Mechelen",
            "hours": "38"}


def start_draft(client) -> int:
    response = client.post("/aanvraag/im/nieuw")
    expect(response, 303, "nieuwe aanvraag starten")
    return int(response.headers["Location"].split("/aanvragen/")[1].split("/")[0])


def fill_until_documents(client, app_id: int, employee: dict = EMPLOYEE) -> None:
    for step, data in (("contact", CONTACT), ("werknemer", employee), ("premie", {"premie": "loonpremie"}),
                       ("rekening", {"iban": "BE71 0961 2345 6769"})):
        expect(client.post(f"/aanvragen/{app_id}/{step}", data=data), 303, f"stap {step} bewaren")
