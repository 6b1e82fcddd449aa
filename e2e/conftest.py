"""Browser tests: the portal served from a thread, driven by Playwright in Chromium.

On this machine Chromium comes from Debian (/usr/bin/chromium); elsewhere Playwright's own
browser is used. Every test starts from the demo data.
"""

import os
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

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
def portal(tmp_path_factory):
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
    yield Portal(app, url, maildir)
    server.shutdown()
    controller.stop()
    support.dispose(app)
    support.close_redis(connection)


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
    context, page = _new_page(browser, portal)
    yield page
    context.close()


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


class _Markup(HTMLParser):
    """Collects what makes a page invalid HTML in ways a browser silently repairs or a screen reader trips on."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.ids, self.problems, self.references, self.stack, self.h1 = set(), [], [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in self.VOID:
            self.stack.append(tag)
        if tag == "h1":
            self.h1 += 1
        if "id" in attrs:
            if attrs["id"] in self.ids:
                self.problems.append(f"id '{attrs['id']}' komt twee keer voor")
            self.ids.add(attrs["id"])
        if tag == "label" and attrs.get("for"):
            self.references.append(("label for", attrs["for"]))
        for name in ("aria-describedby", "aria-labelledby"):
            self.references += [(name, target) for target in (attrs.get(name) or "").split()]
        if any(name.startswith("hx-") for name in attrs):
            self.problems.append(f"<{tag}> gebruikt hx-* in plaats van data-hx-*")

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> sluit niet wat open staat ({self.stack[-3:]})")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()


def check_html(page):
    """The page as the server sent it (fetched again with the page's cookies): a doctype and a language,
    balanced elements, unique ids, one h1, and every label and aria reference pointing at an element."""
    response = page.request.get(page.url)
    text = response.text()
    parser = _Markup()
    parser.feed(text)
    parser.close()
    problems = list(parser.problems)
    problems += [f"{kind} '{target}' wijst naar niets" for kind, target in parser.references if target not in parser.ids]
    if not text.lstrip().lower().startswith("<!doctype html>"):
        problems.append("geen <!doctype html>")
    if '<html lang="nl-BE"' not in text:
        problems.append("geen lang=nl-BE")
    if parser.h1 != 1:
        problems.append(f"{parser.h1} h1-koppen")
    assert not problems, f"Ongeldige HTML op {page.url}:\n" + "\n".join(problems)
