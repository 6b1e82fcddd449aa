"""Two machines: two portal instances, each with its own instance folder, web server and worker,
share nothing but one PostgreSQL, one Redis and one S3-compatible object store. A document
uploaded through one is downloaded through the other, and an e-mail queued by one is delivered
exactly once while both workers run. (PostgreSQL and Redis only: CI's second run.)"""

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests import files, support
from tests.resilience import report
from tests.smtp import ScriptedSink
from tests.test_wizard import CONTACT, EMPLOYEE

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgresql") or not os.environ.get("REDIS_URL"),
    reason="two machines share a PostgreSQL and a Redis server (CI's second run has them)")


class Machine:
    def __init__(self, name: str, workdir: Path, shared: dict):
        self.port = support.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        folder = workdir / name
        folder.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, LOKET_INSTANCE_DIR=str(folder), PUBLIC_URL=self.url, PYTHONUNBUFFERED="1", **shared)
        bin_dir = Path(sys.executable).parent
        self.log = open(folder / "processes.log", "wb")
        self.processes = [
            subprocess.Popen([str(bin_dir / "gunicorn"), "-w", "1", "-b", f"127.0.0.1:{self.port}", "portal:create_app()"],
                             env=env, stdout=self.log, stderr=subprocess.STDOUT),
            subprocess.Popen([str(bin_dir / "rq"), "worker", "-w", "jobs.worker.Worker", "--url", env["REDIS_URL"],
                              "loket-mail", "loket", "loket-campaign"], env=env, stdout=self.log,
                             stderr=subprocess.STDOUT),
        ]

    def wait_ready(self):
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{self.url}/readyz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.25)
        raise AssertionError(f"{self.url} werd niet klaar: {self.log.name}")

    def stop(self):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
        self.log.close()


class Browser:
    """One user's browser: one cookie jar, whichever machine the load balancer picks."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  NoRedirect())

    def get(self, url):
        with self.opener.open(url, timeout=10) as response:
            return response.status, response.read()

    def post(self, url, fields: dict, file=None):
        """Post a form of the page last visited (its CSRF token), as a browser does."""
        token = (re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', self._page)
                 or re.search(rb'X-CSRFToken(?:"|&#34;|&quot;)\s*:\s*(?:"|&#34;|&quot;)([^"&]+)', self._page))
        data = {"csrf_token": token.group(1).decode(), **fields}
        if file is None:
            body, kind = urllib.parse.urlencode(data).encode(), "application/x-www-form-urlencoded"
        else:
            body, kind = multipart(data, file)
        request = urllib.request.Request(url, data=body, headers={"Content-Type": kind})
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.headers.get("Location")
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location")

    def page(self, url):
        status, self._page = self.get(url)
        return status


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def multipart(fields: dict, file: tuple[str, bytes, str]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    name, content, mime = file
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="bestand"; filename="{name}"\r\n'
                 f"Content-Type: {mime}\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def test_two_machines_share_documents_and_send_each_mail_once(app, make, s3_server, workdir):
    bakery = make.enterprise("Bakkerij Peeters NV", "0403170701")
    make.user("els", enterprise=bakery, rights=("im",))
    with ScriptedSink() as sink:
        shared = {**s3_server, "DATABASE_URL": os.environ["DATABASE_URL"], "REDIS_URL": os.environ["REDIS_URL"],
                  "SECRET_KEY": "two-machines", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(sink.port),
                  "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test"}
        machines = [Machine(name, Path(workdir) / f"machines-{uuid.uuid4().hex[:6]}", shared) for name in ("a", "b")]
        try:
            for machine in machines:
                machine.wait_ready()
            a, b = machines
            browser = Browser()
            browser.page(f"{a.url}/aanmelden")
            assert browser.post(f"{a.url}/aanmelden", {"login": "els", "password": "geheim"})[0] == 303
            browser.page(f"{a.url}/onderneming")
            browser.post(f"{a.url}/onderneming", {"enterprise": str(bakery.id)})
            browser.page(f"{a.url}/aanvraag")
            status, location = browser.post(f"{a.url}/aanvraag/im/nieuw", {})
            assert status == 303, status
            app_id = int(re.search(r"/aanvragen/(\d+)/", location).group(1))
            for step, data in (("contact", CONTACT), ("werknemer", EMPLOYEE), ("premie", {"premie": "loonpremie"}),
                               ("rekening", {"iban": "BE71 0961 2345 6769"})):
                machine = machines[len(step) % 2]  # the load balancer sends each request anywhere
                browser.page(f"{machine.url}/aanvragen/{app_id}/{step}")
                assert browser.post(f"{machine.url}/aanvragen/{app_id}/{step}", data)[0] == 303, step

            browser.page(f"{a.url}/aanvragen/{app_id}/documenten")
            kinds = re.findall(rb'id="titel-([a-z_]+)"', browser._page)
            uploaded = browser.post(f"{a.url}/aanvragen/{app_id}/documenten", {"kind": kinds[0].decode()},
                                    file=("plan.pdf", files.pdf(), "application/pdf"))
            assert uploaded[0] == 303
            listing = browser.get(f"{b.url}/aanvragen/{app_id}/documenten")[1]  # the other machine
            link = re.search(rb'href="(/aanvragen/\d+/documenten/\d+)"', listing).group(1).decode()
            status, content = browser.get(f"{b.url}{link}")
            assert status == 200 and content == files.pdf()

            browser.page(f"{b.url}/aanvragen/{app_id}/overzicht")
            assert browser.post(f"{b.url}/aanvragen/{app_id}/overzicht", {"actie": "code-sturen"})[0] == 303
            deadline = time.monotonic() + 30
            while not sink.total and time.monotonic() < deadline:
                time.sleep(0.2)
            time.sleep(2)  # both workers had every chance to send it a second time
        finally:
            for machine in machines:
                machine.stop()
    report("two machines", document_across_machines="ok", mails_received=sink.total, doubled=sink.doubled)
    assert sink.total == 1 and sink.doubled == 0 and sink.recipients == [CONTACT["email"]]
