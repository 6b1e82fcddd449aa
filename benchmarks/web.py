"""(g) The web side as a department runs it, next to the ceiling of the same machine, in one run.

Loket under gunicorn exactly as `make serve` starts it (two sync workers per core, the access
log) on PostgreSQL and Redis, a bare Flask route (benchmarks/bare.py) and a reference page
(benchmarks/reference.py: the least a logged-in page of Flask, Flask-WTF and Jinja costs, with and
without one PostgreSQL query, and no loket code) under the very same command. Measured with real
load generators from the same machine:

- wrk (C, 2 threads, 50 connections) on the pages an applicant opens most, logged in (the tiles and
  the dossier list), on /healthz, on the reference pages and on the bare route, each once per round
  for three rounds of 8 s: the median requests/s, p50 and p99, and the ratios to the bare route and
  to the reference page of the same kind;
- locust (headless) running a scripted applicant (log in, every step of an individueel-maatwerk
  application, a 1 MB PDF, submit) at 10 and 50 concurrent users who click one to three seconds
  after each answer: requests/s and p50/p95/p99 per step, the p99 target on the slowest step; and
  50 users who click without pause, the scenario's saturation (its latency is then the queue).

PostgreSQL and Redis only (DATABASE_URL, REDIS_URL): on SQLite the figures would mean nothing."""

import csv
import http.cookiejar
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks import UNLIMITED, at_least, at_most, info
from portal.extensions import db
from portal.mail import addresses
from portal.models import Application, Enterprise
from tests import support

WORKERS = 2 * (os.cpu_count() or 1)  # as make serve (portal/serve.py)
TARGET_RATIO = 0.4
TARGET_P99_MS = 150
LOGIN_STEP = "aanmelden (POST)"  # benchmarks/locustfile.py
# Each page with the reference page of the same kind (benchmarks/reference.py): the tiles read no
# database, the list does.
PAGES = [("/aanvraag", "tegels", "/pagina"), ("/dossiers/", "dossierlijst", "/pagina-met-query")]
REFERENCES = [("/pagina", "referentiepagina (Flask, sessie, CSRF, Jinja; geen loketcode)"),
              ("/pagina-met-query", "referentiepagina met één PostgreSQL-query")]
# The scripted applicant's contact address (benchmarks/locustfile.py: the same, not imported, as
# importing locust patches the process with gevent), confirmed beforehand as a returning one's is.
CONTACT_EMAIL = "els@bakkerij-peeters.be"
# One demo user (els, from one address) plays every applicant of the load: the per-user and
# per-address limits on logging in, submitting and uploading are lifted for the benchmark's servers.
MANY_APPLICANTS_AS_ONE = {**UNLIMITED, "RATELIMIT_LOGIN": "100000 per minute",
                          "RATELIMIT_LOGIN_PER_ADDRESS": "100000 per minute"}


def gunicorn(app_spec: str, port: int, env: dict, log) -> subprocess.Popen:
    """The web command `make serve` runs (portal/serve.py: its worker count, its access log), on
    this port; the bare route gets the very same command with its own app."""
    from portal.serve import commands

    command = commands(dict(env, HOST="127.0.0.1", PORT=str(port)))["web"]
    command[-1] = app_spec
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_up(url: str, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} startte niet")


def reference_cookie(base: str) -> str:
    """The reference app's session: logged in, its CSRF token made (as loket's cookie has one)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + "/aanmelden").read()
    opener.open(base + "/pagina").read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def login_cookie(base: str, enterprise_id: int) -> str:
    """Log in as els and choose the bakery, the way a browser does; returns the Cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    token = re.compile(r'"X-CSRFToken": "([^"]+)"')  # every page's body carries the token for htmx

    def post(path, fields):
        page = opener.open(base + path).read().decode()
        data = urllib.parse.urlencode({**fields, "csrf_token": token.search(page).group(1)}).encode()
        opener.open(urllib.request.Request(base + path, data=data)).read()

    post("/aanmelden", {"login": "els", "password": "demo"})
    post("/onderneming", {"enterprise": str(enterprise_id)})
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def wrk(url: str, cookie: str | None = None, seconds: int = 10) -> tuple[float, float, float]:
    """requests/s, p50 ms, p99 ms."""
    command = ["wrk", "-t2", "-c50", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, timeout=60).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(p):
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise RuntimeError(f"{url}: {non_2xx.group(1)} antwoorden buiten 2xx/3xx")
    return rate, latency(50), latency(99)


def locust(host: str, users: int, seconds: int, workdir: Path, env: dict,
           user_class: str) -> tuple[list[dict], list[dict]]:
    """Locust's rows per step, and its failures (method, name, error, occurrences)."""
    prefix = workdir / f"locust-{user_class}-{users}"
    binary = Path(sys.executable).with_name("locust")
    # Paced users arrive two a second, as people do: the demo login hashes the password on purpose
    # (about 100 ms of CPU), and ten logins a second would take a core from everyone else's steps.
    # The saturation run starts everyone at once.
    rate = 2 if user_class == "PacedApplicant" else users
    subprocess.run([str(binary), "-f", str(Path(__file__).with_name("locustfile.py")), user_class, "--headless",
                    "-u", str(users), "-r", str(rate), "-t", f"{seconds}s", "--host", host,
                    "--csv", str(prefix), "--only-summary"], env=env, capture_output=True, timeout=seconds + 120)
    with open(f"{prefix}_stats.csv") as handle, open(f"{prefix}_failures.csv") as failures:
        return list(csv.DictReader(handle)), list(csv.DictReader(failures))


def run(env, quick: bool):
    if not os.environ.get("DATABASE_URL", "").startswith("postgresql") or not os.environ.get("REDIS_URL"):
        raise RuntimeError("alleen met DATABASE_URL (PostgreSQL) en REDIS_URL: zoals make serve")
    if not shutil.which("wrk"):
        raise RuntimeError("wrk ontbreekt (apt-get install wrk): niets gemeten")
    with env.context():
        bakery = db.session.scalar(db.select(Enterprise.id).filter_by(number="0403170701"))
        addresses.confirm_without_code(bakery, CONTACT_EMAIL)
        db.session.commit()
    loket_port, bare_port, reference_port = support.free_port(), support.free_port(), support.free_port()
    process_env = dict(os.environ, LOKET_INSTANCE_DIR=str(env.workdir), SMTP_PORT="1", SECRET_KEY="benchmark",
                       LOKET_BENCH_ENTERPRISE=str(bakery), PYTHONUNBUFFERED="1", **MANY_APPLICANTS_AS_ONE)
    log = open(env.workdir / "web.log", "wb")
    servers = [gunicorn("portal:create_app()", loket_port, process_env, log),
               gunicorn("benchmarks.bare:app", bare_port, process_env, log),
               gunicorn("benchmarks.reference:app", reference_port, process_env, log)]
    figures = []
    try:
        loket, bare = f"http://127.0.0.1:{loket_port}", f"http://127.0.0.1:{bare_port}"
        reference = f"http://127.0.0.1:{reference_port}"
        wait_up(f"{loket}/healthz")
        wait_up(bare)
        wait_up(reference)
        cookie = login_cookie(loket, bakery)
        with env.context():  # the list shows 50 a page; the total is counted on every page
            listed = db.session.scalar(db.select(db.func.count(Application.id)).where(
                Application.enterprise_id == bakery, Application.state != "draft"))
        # Every target once per round, the rounds one after the other, and the median of each: this
        # shared machine's speed drifts by a third within minutes, which a ratio of two runs made
        # minutes apart would carry whole.
        targets = {"bare": (f"{bare}/", None), "healthz": (f"{loket}/healthz", None)}
        targets.update({path: (f"{reference}{path}", reference_cookie(reference)) for path, _ in REFERENCES})
        targets.update({path: (f"{loket}{path}", cookie) for path, _, _ in PAGES})
        measured = {name: [] for name in targets}
        for _ in range(2 if quick else 3):
            for name, (url, with_cookie) in targets.items():
                measured[name].append(wrk(url, with_cookie, seconds=5 if quick else 8))
        rate, p50, p99 = ({name: statistics.median(run[i] for run in runs) for name, runs in measured.items()}
                          for i in range(3))
        rounds = len(measured["bare"])
        figures.append(info(f"Kale Flask-route, gunicorn -w {WORKERS} (wrk, 50 verbindingen; mediaan van "
                            f"{rounds} rondes)", rate["bare"], "req/s"))
        # Loket's own floor: /healthz draws nothing and reads nothing, but passes every middleware
        # (security headers, request id, JSON log): what no page of loket can go below.
        figures += [info(f"loket zonder pagina /healthz: req/s (p99 {p99['healthz']:.1f} ms)", rate["healthz"],
                         "req/s"),
                    info("/healthz: deel van de kale route", rate["healthz"] / rate["bare"], "×")]
        # The least a logged-in page of this stack costs, without loket's code: what the ratio
        # target is up against, and what loket's own share of a page is.
        for path, name in REFERENCES:
            figures += [info(f"{name}: req/s (p99 {p99[path]:.1f} ms)", rate[path], "req/s"),
                        info(f"{path}: deel van de kale route", rate[path] / rate["bare"], "×")]
        for path, name, like in PAGES:
            shown = f" ({listed} dossiers)" if path == "/dossiers/" else ""
            figures += [info(f"{name} {path}{shown}: req/s (p50 {p50[path]:.1f} ms)", rate[path], "req/s"),
                        at_least(f"{name}: deel van de kale route", rate[path] / rate["bare"], "×", TARGET_RATIO),
                        info(f"{name}: deel van {like}", rate[path] / rate[like], "×"),
                        at_most(f"{name}: p99 bij 50 verbindingen", p99[path], "ms", TARGET_P99_MS)]
        # At a quick human's pace (1–3 s between clicks): the targets. Then 50 users who click the
        # moment an answer arrives: how much the server carries at saturation, where every request
        # waits behind the others (latency = users / throughput), printed for what it is.
        runs = [("PacedApplicant", 10, 40 if quick else 60)] + ([] if quick else [("PacedApplicant", 50, 90)])
        runs.append(("Applicant", 10 if quick else 50, 10 if quick else 20))
        for user_class, users, seconds in runs:
            paced = user_class == "PacedApplicant"
            who = f"{users} gebruikers{'' if paced else ' zonder bedenktijd'}"
            rows, failed = locust(loket, users, seconds, env.workdir, process_env, user_class)
            total = next(r for r in rows if r["Name"] == "Aggregated")
            failures = int(total["Failure Count"])
            figures.append(info(f"Aanvrager-scenario, {who} (locust): alle stappen", float(total["Requests/s"]), "req/s"))
            if failures:
                figures.append(info(f"  {who}: mislukte verzoeken", failures, ""))
                figures += [info(f"    {f['Method']} {f['Name']}: {f['Error'][:70]}", int(f["Occurrences"]), "×")
                            for f in failed]
            # Logging in with the demo password is left out of the slowest step: it hashes the password
            # on purpose (about 100 ms of CPU), and a department's users log in through ACM/IDM
            # instead (the demo login is refused in production). It is printed on its own line.
            steps = [r for r in rows if r["Name"] not in ("Aggregated", LOGIN_STEP)]
            worst = max(steps, key=lambda r: float(r["99%"] or 0))
            for row in rows:
                if row["Name"] in ("stap werknemer (POST)", "upload 1 MB", "indienen", LOGIN_STEP):
                    figures.append(info(f"  {who}: {row['Name']} p50/p95/p99 "
                                        f"{row['50%']}/{row['95%']}/{row['99%']} ms", float(row["99%"] or 0), "ms"))
            slowest = f"  {who}: traagste stap p99 ({worst['Name']})"
            figures.append(at_most(slowest, float(worst["99%"]), "ms", TARGET_P99_MS) if paced
                           else info(slowest, float(worst["99%"]), "ms"))
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(30)
        log.close()
    return figures
