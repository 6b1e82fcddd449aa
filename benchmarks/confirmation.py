"""(i) Submit → confirmation in the SMTP sink, against `make serve` (gunicorn, the RQ workers with
their scheduler, the ticker) on PostgreSQL and Redis, with an SMTP server on loopback.

Ten applicants apply at the same time, each walking every step of an individueel-maatwerk
application with a 1 MB PDF and submitting, until 200 dossiers are submitted (--quick: 50). For
each, the time from the submit's answer to the confirmation's arrival at the SMTP server (matched
by Message-ID through the outbox row of that dossier) is kept; printed: p50 and p99, target p99
under 2 s, with the submissions per second the load reached."""

import os
import re
import signal
import subprocess
import sys
import threading
import time

import requests

from benchmarks import at_most, info
from benchmarks.web import CONTACT_EMAIL, MANY_APPLICANTS_AS_ONE, wait_up
from portal.extensions import db
from portal.mail import addresses
from portal.models import Enterprise, OutboxMessage
from tests import support
from tests.smtp import ScriptedSink

USERS = 10
TARGET_P99_S = 2.0
TOKEN = re.compile(r'"X-CSRFToken": "([^"]+)"')  # every page's body carries the token for htmx
PDF = b"%PDF-1.4\n" + b"0" * (1024 * 1024 - 40) + b"\ntrailer<<>>\n%%EOF\n"


def national_number(n: int) -> str:
    """A valid Belgian national number, different for every n (born in 1985 or 1986)."""
    base = f"{85 + n // 9000:02d}{1 + n % 12:02d}{1 + (n // 12) % 28:02d}{1 + (n // 336) % 997:03d}"
    return base + f"{97 - int(base) % 97:02d}"


class Applicant:
    """One applicant's browser session (requests, cookies, CSRF tokens from the pages)."""

    def __init__(self, base: str, enterprise_id: int):
        self.base, self.http = base, requests.Session()
        self.token = ""
        self.post("/aanmelden", {"login": "els", "password": "demo"}, read="/aanmelden")
        self.post("/onderneming", {"enterprise": str(enterprise_id)}, read="/onderneming")

    def get(self, path: str) -> str:
        page = self.http.get(self.base + path, timeout=30).text
        found = TOKEN.search(page)
        self.token = found.group(1) if found else self.token
        return page

    def post(self, path: str, data: dict, read: str | None = None, files=None) -> requests.Response:
        if read:
            self.get(read)
        answer = self.http.post(self.base + path, data={**data, "csrf_token": self.token}, files=files,
                                allow_redirects=False, timeout=60)
        if answer.status_code != 303:
            raise RuntimeError(f"{path}: {answer.status_code}")
        return answer

    def apply(self, n: int) -> int:
        """Every step, the upload and the submit; returns the dossier's id."""
        location = self.post("/aanvraag/im/nieuw", {}, read="/aanvraag").headers["Location"]
        base = re.search(r"/aanvragen/\d+", location).group(0)
        steps = (("contact", {"name": "Els Peeters", "email": CONTACT_EMAIL, "phone": "015 12 34 56"}),
                 ("werknemer", {"national_number": national_number(n), "first_name": "Pieter",
                                "last_name": f"Wouters {n}", "start_date": "2025-03-01", "street": "Bruul 12",
                                "postcode": "2800", "municipality": "Mechelen", "hours": "38"}),
                 ("premie", {"premie": "loonpremie"}),
                 ("rekening", {"iban": "BE71 0961 2345 6769"}))
        for step, data in steps:
            if self.http.get(f"{self.base}{base}/{step}", timeout=30).status_code == 404:
                continue  # the account step, once the enterprise's account is known
            self.post(f"{base}/{step}", data, read=f"{base}/{step}")
        self.post(f"{base}/documenten", {"kind": "extra"}, read=f"{base}/documenten",
                  files={"bestand": ("plan.pdf", PDF, "application/pdf")})
        self.post(f"{base}/documenten/verder", {})
        self.post(f"{base}/overzicht", {"declaration": "y"}, read=f"{base}/overzicht")
        return int(base.rsplit("/", 1)[1])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(env, quick: bool):
    if not os.environ.get("DATABASE_URL", "").startswith("postgresql") or not os.environ.get("REDIS_URL"):
        raise RuntimeError("alleen met DATABASE_URL (PostgreSQL) en REDIS_URL: zoals make serve")
    total = 50 if quick else 200
    with env.context():
        bakery = db.session.scalar(db.select(Enterprise.id).filter_by(number="0403170701"))
        addresses.confirm_without_code(bakery, CONTACT_EMAIL)
        db.session.commit()
    port = support.free_port()
    submitted: dict[int, float] = {}
    errors: list[str] = []
    with ScriptedSink() as behaviour:
        serve_env = dict(os.environ, SMTP_HOST="127.0.0.1", SMTP_PORT=str(behaviour.port), PORT=str(port),
                         LOKET_INSTANCE_DIR=str(env.workdir / "serve"), SECRET_KEY="benchmark", PYTHONUNBUFFERED="1",
                         **MANY_APPLICANTS_AS_ONE)
        log = open(env.workdir / "serve.log", "wb")
        server = subprocess.Popen([sys.executable, "-m", "portal.serve"], env=serve_env, stdout=log,
                                  stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_up(f"{base}/healthz", timeout=180)  # make serve migrates first
            counter, lock = iter(range(total)), threading.Lock()

            def applicant():
                try:
                    person = Applicant(base, bakery)
                    while True:
                        with lock:
                            n = next(counter, None)
                        if n is None:
                            return
                        application_id = person.apply(n)
                        submitted[application_id] = time.time()
                except Exception as error:  # noqa: BLE001 - reported as a figure below
                    errors.append(repr(error))

            started = time.perf_counter()
            threads = [threading.Thread(target=applicant) for _ in range(USERS)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            load_seconds = time.perf_counter() - started
            with env.context():
                message_ids = dict(db.session.execute(
                    db.select(OutboxMessage.message_id, OutboxMessage.dedupe_key)
                    .filter(OutboxMessage.dedupe_key.in_([f"dossier:{i}:ontvangen" for i in submitted]))).all())
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not all(m in behaviour.first_accepted_at for m in message_ids):
                time.sleep(0.2)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(90)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()
    arrived = behaviour.first_accepted_at
    latencies = [arrived[m] - submitted[int(key.split(":")[1])] for m, key in message_ids.items() if m in arrived]
    figures = [info(f"Ingediend door {USERS} aanvragers tegelijk (elk alle stappen + 1 MB PDF)", len(submitted), ""),
               info("  indieningen per seconde onder die last", len(submitted) / load_seconds, "/s")]
    if errors:
        figures.append(info(f"  mislukte aanvragers (eerste: {errors[0][:80]})", len(errors), ""))
    figures.append(info("  bevestigingen aangekomen in de SMTP-server", len(latencies), f"van {len(submitted)}"))
    if latencies:
        figures += [info("  indienen → bevestiging: p50", 1000 * percentile(latencies, 50), "ms"),
                    at_most("  indienen → bevestiging: p99", 1000 * percentile(latencies, 99), "ms", 1000 * TARGET_P99_S)]
    return figures
