"""Browser tests: the portal served from a thread, driven by Playwright in Chromium.

On this machine Chromium comes from Debian (/usr/bin/chromium); elsewhere Playwright's own
browser is used. Every test starts from the demo data.
"""

import hashlib
import os
import threading
from pathlib import Path

import pytest
from flask import request
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

from e2e import html_check
from portal import demo
from portal.extensions import db
from portal.mail import sink
from tests import support

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"

expect.set_options(timeout=10_000)


class Portal:
    """The running portal: its URL, app, and the helpers a test needs."""

    def __init__(self, app, url, maildir):
        self.app = app
        self.url = url
        self.maildir = maildir

    def run_jobs(self) -> int:
        return support.run_jobs(self.app)

    def mails(self):
        return sink.read(self.maildir)


@pytest.fixture(scope="session")
def html_checker():
    """The Nu Html Checker, started once for the session (None, and said once, without Java)."""
    if html_check.java() is None:
        print("\nJava ontbreekt: de HTML-controle (vnu) van de browsertests wordt overgeslagen.")
        yield None
        return
    checker = html_check.Checker(support.free_port())
    yield checker
    checker.stop()


def _collect_documents(app, served: list) -> None:
    """Every whole HTML document the portal serves (not the fragments htmx swaps in) is kept for
    the checker, with the path that served it."""

    @app.after_request
    def keep(response):
        if response.mimetype == "text/html" and not request.headers.get("HX-Request") and response.status_code != 204 \
                and not response.is_streamed and not response.direct_passthrough:
            served.append((request.full_path.rstrip("?"), response.get_data(as_text=True)))
        return response


@pytest.fixture(scope="session")
def portal(tmp_path_factory, html_checker):
    workdir = tmp_path_factory.mktemp("e2e")
    maildir = str(workdir / "mailsink")
    smtp_port = support.free_port()
    app = support.create_app(support.overrides(workdir, SMTP_PORT=smtp_port, MAIL_SINK_DIR=maildir))
    support.migrate_fresh(app)
    connection = support.open_redis(workdir)
    support.use_redis(app, connection)
    controller = sink.start(maildir, port=smtp_port)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIC_URL"] = url  # links in e-mail lead back to this server
    served = []
    _collect_documents(app, served)
    portal = Portal(app, url, maildir)
    portal.served = served
    yield portal
    server.shutdown()
    controller.stop()
    support.dispose(app)
    support.close_redis(connection)


_checked: set[str] = set()


@pytest.fixture(autouse=True)
def valid_html(portal, html_checker):
    """Every page a browser test was served passes the Nu Html Checker: 0 errors (issue 15)."""
    portal.served.clear()
    yield
    if html_checker is None:
        return
    if not _checked:
        html_checker.wait_ready()
    problems = []
    for path, html in list(portal.served):
        digest = hashlib.sha256(html.encode()).hexdigest()
        if digest in _checked:
            continue
        _checked.add(digest)
        problems += [f"{path}: {error}" for error in html_checker.errors(html)]
    assert not problems, "HTML-fouten (Nu Html Checker):\n" + "\n".join(problems)


@pytest.fixture(autouse=True)
def demo_data(portal):
    support.empty_tables(portal.app)
    with portal.app.app_context():
        demo.seed()
        db.session.remove()
    portal.app.extensions["loket_redis"]["conn"].flushdb()
    sink.clear(portal.maildir)
    yield


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        options = {"headless": True}
        if os.path.exists(CHROMIUM):
            options.update(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        browser = playwright.chromium.launch(**options)
        yield browser
        browser.close()


def _new_page(browser, portal, **context_options):
    context = browser.new_context(base_url=portal.url, locale="nl-BE", **context_options)
    page = context.new_page()
    return context, page


@pytest.fixture
def page(browser, portal):
    """A page whose uncaught script errors, in any of its context's pages, fail the test."""
    context, page = _new_page(browser, portal)
    errors = []
    context.on("weberror", lambda error: errors.append(f"{error.page.url if error.page else '?'}: {error.error}"))
    yield page
    context.close()
    assert not errors, "JavaScript-fouten:\n" + "\n".join(errors)


@pytest.fixture
def page_without_js(browser, portal):
    context, page = _new_page(browser, portal, java_script_enabled=False)
    yield page
    context.close()


def check_accessibility(page):
    """axe-core on the current page: no serious or critical violation."""
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"Toegankelijkheidsproblemen op {page.url}:\n" + "\n".join(bad)


def login(page, user, password="demo", succeeds=True):
    page.goto("/aanmelden")
    page.get_by_label("Gebruikersnaam").fill(user)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden").click()
    if succeeds:
        expect(page.get_by_role("button", name="Afmelden")).to_be_visible()


def logout(page):
    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()
