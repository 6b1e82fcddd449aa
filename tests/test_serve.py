"""`make serve`: the production shape on one machine refuses to start without PostgreSQL, Redis
and SMTP, and, given them, serves the portal with gunicorn, workers and the ticker."""

import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from portal import serve
from tests import support
from tests.smtp import ScriptedSink


def test_it_refuses_to_start_without_postgresql_redis_and_smtp():
    assert len(serve.missing_settings({})) == 3
    problems = serve.missing_settings({"DATABASE_URL": "sqlite:///x", "REDIS_URL": "redis://r", "SMTP_HOST": "s"})
    assert problems == ["DATABASE_URL moet naar PostgreSQL wijzen, niet naar SQLite"]
    result = subprocess.run([sys.executable, "-m", "portal.serve"], capture_output=True, text=True,
                            env={k: v for k, v in os.environ.items() if k not in serve.REQUIRED})
    assert result.returncode == 2 and "start niet zonder" in result.stderr and "REDIS_URL" in result.stderr


def test_one_worker_per_core_the_first_with_the_scheduler():
    found = serve.commands({"REDIS_URL": "redis://r:6379/0", "RQ_WORKERS": "3", "WEB_CONCURRENCY": "4"})
    workers = [c for name, c in found.items() if name.startswith("worker-")]
    assert len(workers) == 3 and ["--with-scheduler" in c for c in workers] == [True, False, False]
    assert found["web"][found["web"].index("-w") + 1] == "4"
    assert workers[0][-3:] == ["loket-mail", "loket", "loket-campaign"]


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgresql") or not os.environ.get("REDIS_URL"),
                    reason="make serve needs PostgreSQL and Redis (CI's second run has them)")
def test_it_serves_the_portal_and_says_it_is_ready():
    port = support.free_port()
    with ScriptedSink() as sink:
        env = dict(os.environ, SMTP_HOST="127.0.0.1", SMTP_PORT=str(sink.port), PORT=str(port), RQ_WORKERS="1",
                   WEB_CONCURRENCY="2", LOKET_INSTANCE_DIR=str(support.Path("instance") / "serve-test"))
        process = subprocess.Popen([sys.executable, "-m", "portal.serve"], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            ready = None
            for _ in range(120):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as response:
                        ready = response.status
                        break
                except OSError:
                    time.sleep(0.25)
            assert ready == 200
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/aanmelden", timeout=5) as response:
                assert response.status == 200 and "Aanmelden" in response.read().decode()
        finally:
            process.send_signal(signal.SIGTERM)
            assert process.wait(90) == 0
