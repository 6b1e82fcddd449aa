"""The authorization matrix, generated from the app's URL map: every route × every kind of actor
(anonymous, an applicant of the enterprise without the right, an applicant of another enterprise,
an applicant with the right, and each staff role), with real ids of the first enterprise's drafts,
dossiers, documents, uploads, messages, letters and e-mails. A route without an entry in MATRIX
fails `test_every_route_has_an_entry`; each entry's expectations per actor are in EXPECTED.

Outcomes: "ok" (the page or action itself answers: anything but a login redirect, 401, 403 or
404), "login" (redirect to the login page), "403", "404" (another enterprise's object is not
found, ASVS 8.4.1), "any404" (the route answers 404 whoever asks, e.g. the OIDC callback under
the demo provider).
"""

import mailbox
import secrets
from datetime import date, datetime

import pytest

from portal.tokens import digest as _digest
from portal.domain import changes
from portal.extensions import db
from portal.models import (BulkMessage, ChangeNotice, Document, Letter, LoginSession, Membership, OutboxMessage,
                           PaymentRun, UploadSession, WopRequest)
from portal.queue import get_queue
from portal.uploads import storage
from tests import dossiers, files

ACTORS = ("anonymous", "without_right", "other_enterprise", "with_right", "behandelaar", "berichten", "audit", "beheer")
STAFF = {"behandelaar": "behandelaar", "berichten": "berichten", "audit": "audit", "beheer": "beheer"}

# What each kind of route expects of each actor.
EXPECTED = {
    "public": dict.fromkeys(ACTORS, "ok"),
    # anonymous by token: the single-use token in the URL is the only key (the employee co-signing a
    # WOP evaluation has no account); with a valid token every actor reads the page, with an unknown,
    # used or expired one every actor gets a Dutch 404/410 page (tests/test_wop_signing.py)
    "token": dict.fromkeys(ACTORS, "ok"),
    "any404": dict.fromkeys(ACTORS, "any404"),
    "logout": dict.fromkeys(ACTORS, "login"),  # everyone lands on the login page
    "logged_in": {**dict.fromkeys(ACTORS, "ok"), "anonymous": "login"},
    # the enterprise's own pages that need no right (tiles, Mijn aanvragen, the dossier list)
    "enterprise": {"anonymous": "login", "without_right": "ok", "other_enterprise": "ok", "with_right": "ok",
                   **dict.fromkeys(STAFF, "403")},
    # a measure's page without an object: the right for the measure in one's own enterprise
    "measure": {"anonymous": "login", "without_right": "403", "other_enterprise": "ok", "with_right": "ok",
                **dict.fromkeys(STAFF, "403")},
    # an object (draft, dossier, document, upload) of the first enterprise
    "object": {"anonymous": "login", "without_right": "403", "other_enterprise": "404", "with_right": "ok",
               **dict.fromkeys(STAFF, "403")},
    # the lokale beheerder's user management: Els is beheerder of the first, Jan of the other
    "local_admin": {"anonymous": "login", "without_right": "403", "other_enterprise": "ok", "with_right": "ok",
                    **dict.fromkeys(STAFF, "403")},
    "local_admin_object": {"anonymous": "login", "without_right": "403", "other_enterprise": "404",
                           "with_right": "ok", **dict.fromkeys(STAFF, "403")},
    "staff": {"anonymous": "login", "without_right": "403", "other_enterprise": "403", "with_right": "403",
              **dict.fromkeys(STAFF, "ok")},
    # the e-mails and their failures: handlers (their dossiers' mail) and senders (their campaigns')
    "staff:mail": {"anonymous": "login", "without_right": "403", "other_enterprise": "403", "with_right": "403",
                   "behandelaar": "ok", "berichten": "ok", "audit": "403", "beheer": "403"},
    **{f"staff:{role}": {"anonymous": "login", "without_right": "403", "other_enterprise": "403", "with_right": "403",
                         **{r: "ok" if r == role else "403" for r in STAFF}} for role in STAFF},
}

# endpoint: (kind of route, method, URL arguments by name from the world below)
MATRIX = {
    "static": ("public", "GET", {"filename": "css/loket.css"}),
    "health.healthz": ("public", "GET", {}),
    "health.readyz": ("public", "GET", {}),
    "tiles.index": ("public", "GET", {}),
    "auth.login": ("public", "GET", {}),
    "auth.logout": ("logout", "POST", {}),
    "auth.callback": ("any404", "GET", {}),
    "auth.keep_alive": ("logged_in", "GET", {}),
    "auth.choose_enterprise": ("logged_in", "GET", {}),
    "auth.choose_school": ("logged_in", "GET", {}),
    "tiles.start": ("enterprise", "GET", {}),
    "tiles.measure_home": ("measure", "GET", {"measure": "im"}),
    "wizard.start": ("measure", "POST", {"measure": "im"}),
    "wizard.vop_start": ("measure", "POST", {}),
    "wizard.mine": ("enterprise", "GET", {}),
    "wizard.resume": ("object", "GET", {"application_id": "draft"}),
    "wizard.step": ("object", "GET", {"application_id": "draft", "step_key": "contact"}),
    "wizard.check_field": ("object", "POST", {"application_id": "draft", "step_key": "contact"}),
    "wizard.providers": ("object", "GET", {"application_id": "draft"}),
    "wizard.documents": ("object", "GET", {"application_id": "draft"}),
    "wizard.documents_done": ("object", "POST", {"application_id": "draft"}),
    "wizard.download": ("object", "GET", {"application_id": "draft", "document_id": "draft_document"}),
    "wizard.remove": ("object", "POST", {"application_id": "draft", "document_id": "draft_document"}),
    "wizard.upload_open": ("object", "POST", {"application_id": "draft"}),
    "wizard.upload_chunk": ("object", "PUT", {"application_id": "draft", "upload_id": "upload"}),
    "wizard.review": ("object", "GET", {"application_id": "draft"}),
    "wizard.receipt": ("object", "GET", {"application_id": "dossier"}),
    "dossiers.index": ("enterprise", "GET", {}),
    "dossiers.show": ("object", "GET", {"application_id": "dossier"}),
    "dossiers.state": ("object", "GET", {"application_id": "dossier"}),
    "dossiers.answer": ("object", "POST", {"application_id": "dossier"}),
    "dossiers.document": ("object", "GET", {"application_id": "dossier", "document_id": "dossier_document"}),
    "dossiers.change": ("object", "GET", {"application_id": "dossier"}),
    "dossiers.change_details": ("object", "GET", {"application_id": "dossier", "kind": changes.CONTACT}),
    "dossiers.copy": ("object", "GET", {"application_id": "dossier"}),
    "dossiers.evaluation": ("object", "GET", {"application_id": "dossier"}),
    "dossiers.vop_evaluation": ("object", "POST", {"application_id": "dossier"}),
    "dossiers.reconsideration": ("object", "GET", {"application_id": "dossier"}),
    "dossiers.wop_correction": ("object", "GET", {"application_id": "dossier"}),
    "dossiers.wop_evaluation": ("object", "GET", {"application_id": "dossier"}),
    "dossiers.wop_resend": ("object", "POST", {"application_id": "dossier", "request_id": "wop_request"}),
    "signing.sign": ("token", "GET", {"token": "wop_token"}),
    "dossiers.calculations": ("object", "GET", {"application_id": "dossier"}),
    "dossiers.calculations_csv": ("object", "GET", {"application_id": "dossier"}),
    "users.users": ("local_admin", "GET", {}),
    "users.change_right": ("local_admin_object", "POST", {"user_id": "tom", "measure": "vop"}),
    "staff.home": ("staff", "GET", {}),
    "staff.queue": ("staff:behandelaar", "GET", {}),
    "staff.dossier": ("staff:behandelaar", "GET", {"application_id": "dossier"}),
    "staff.document": ("staff:behandelaar", "GET", {"application_id": "dossier", "document_id": "dossier_document"}),
    "staff.ask": ("staff:behandelaar", "POST", {"application_id": "dossier"}),
    "staff.admissible": ("staff:behandelaar", "POST", {"application_id": "dossier"}),
    "staff.inadmissible": ("staff:behandelaar", "POST", {"application_id": "dossier"}),
    "staff.approve": ("staff:behandelaar", "POST", {"application_id": "dossier"}),
    "staff.refuse": ("staff:behandelaar", "POST", {"application_id": "dossier"}),
    "staff.handle_change": ("staff:behandelaar", "POST", {"application_id": "dossier", "notice_id": "notice"}),
    "staff.letters": ("staff:behandelaar", "GET", {}),
    "staff.letter": ("staff:behandelaar", "GET", {"letter_id": "letter"}),
    "staff.printed": ("staff:behandelaar", "POST", {"letter_id": "letter"}),
    "staff.sources": ("staff:behandelaar", "GET", {}),
    "staff.paper_start": ("staff:behandelaar", "GET", {}),
    "staff.paper_stop": ("staff:behandelaar", "POST", {}),
    "staff.mails": ("staff:mail", "GET", {}),
    "staff.mail": ("staff:mail", "GET", {"message_id": "mail"}),
    "staff.mailbox": ("staff:behandelaar", "GET", {}),
    "staff.mailbox_message": ("staff:behandelaar", "GET", {"key": "mailbox_key"}),
    "staff.bulk_messages": ("staff:berichten", "GET", {}),
    "staff.bulk_message": ("staff:berichten", "GET", {"message_id": "bulk"}),
    "staff.new_bulk_message": ("staff:berichten", "GET", {}),
    "staff.steer_bulk_message": ("staff:berichten", "POST", {"message_id": "bulk", "action": "pauzeren"}),
    "staff.leaving": ("staff:behandelaar", "POST", {"application_id": "dossier"}),
    "staff.vdab_evaluation": ("staff:behandelaar", "POST", {"application_id": "dossier"}),
    "staff.wop_outcome": ("staff:behandelaar", "POST", {"application_id": "dossier", "request_id": "wop_request"}),
    "staff.audit": ("staff:audit", "GET", {}),
    "staff.people": ("staff:beheer", "GET", {}),
    "staff.set_roles": ("staff:beheer", "POST", {"user_id": "staff_berichten"}),
    "staff.payment_runs": ("staff:behandelaar", "GET", {}),
    "staff.payment_run": ("staff:behandelaar", "GET", {"run_id": "run"}),
    "staff.approve_payment_run": ("staff:behandelaar", "POST", {"run_id": "run"}),
    "staff.payment_run_sepa": ("staff:behandelaar", "GET", {"run_id": "run"}),
}


def test_every_route_has_an_entry(app):
    """A new route must be placed in the matrix, with the method it is tried with."""
    routes = {rule.endpoint: rule for rule in app.url_map.iter_rules()}
    assert set(routes) == set(MATRIX), "routes without a matrix entry (or entries without a route)"
    for endpoint, (kind, method, _args) in MATRIX.items():
        assert kind in EXPECTED and method in routes[endpoint].methods, endpoint


@pytest.fixture
def world(app, make, workdir):
    """The first enterprise (Bakkerij) with its objects; the other enterprise; staff of each role."""
    bakery = make.enterprise("Bakkerij Peeters NV", "0403170701")
    cleaning = make.enterprise("Schoonmaak Vandenbroucke BV", "0876543270")
    els = make.user("els", enterprise=bakery, rights=("im", "vop"), admin=True)
    people = {
        "with_right": (els, bakery),
        "without_right": (make.user("tom", enterprise=bakery), bakery),
        "other_enterprise": (make.user("jan", enterprise=cleaning, rights=("im", "vop"), admin=True), cleaning),
        **{role: (make.user(f"staff_{role}", staff=True, roles=(role,)), None) for role in STAFF},
        "anonymous": (None, None),
    }
    dossier = dossiers.submitted(bakery, els, email="els@bakkerij.test")
    draft = dossiers.draft(bakery, els, national_number="90021512370", name="Lotte Vermeulen")
    documents = {}
    for name, application in (("draft_document", draft), ("dossier_document", dossier)):
        stored, digest = storage.save(files.pdf())
        document = Document(application_id=application.id, enterprise_id=bakery.id, kind="extra",
                            original_name="attest.pdf", stored_name=stored, mime_type="application/pdf",
                            size=len(files.pdf()), sha256=digest)
        db.session.add(document)
        db.session.flush()
        documents[name] = document.id
    upload = UploadSession(id=secrets.token_hex(16), application_id=draft.id, enterprise_id=bakery.id,
                           kind="extra", original_name="x.pdf", size=10)
    notice = ChangeNotice(application_id=dossier.id, enterprise_id=bakery.id, kind=changes.CONTACT,
                          details={"name": "An Claes", "email": "an@bakkerij.test", "phone": ""},
                          reported_by_id=els.id)
    letter = Letter(dedupe_key="brief:test", application_id=dossier.id, recipient="Pieter Wouters",
                    subject="Beslissing", body="Tekst")
    bulk = BulkMessage(subject="Onderwerp", body="Tekst", audience="alle", request_token="t" * 20,
                       created_by_id=people["berichten"][0].id)
    wop_token = secrets.token_urlsafe(32)
    wop_request = WopRequest(application_id=dossier.id, enterprise_id=bakery.id, kind="evaluatie", reason="doorstroom",
                             motivation="Doorstroom", pop_on=date(2026, 6, 1), created_by_id=els.id,
                             employee_email="pieter@example.test", token_hash=_digest(wop_token),
                             token_expires_at=datetime(2999, 1, 1), links_sent=1)
    run = PaymentRun(measure="im", year=2026, quarter=3, pay_on=date(2027, 1, 31), status="open")
    db.session.add_all([upload, notice, letter, bulk, wop_request, run])
    db.session.commit()
    storage.backend().append_partial(upload.id, 0, b"")
    mail = db.session.scalar(db.select(OutboxMessage).order_by(OutboxMessage.id))
    box = mailbox.Maildir(app.config["MAIL_SINK_DIR"], create=True)
    key = box.add(b"From: a@b.test\r\nTo: c@d.test\r\nSubject: Test\r\n\r\nTekst\r\n")
    get_queue().empty()
    ids = {"draft": draft.id, "dossier": dossier.id, **documents, "upload": upload.id, "notice": notice.id,
           "letter": letter.id, "bulk": bulk.id, "run": run.id, "mail": mail.id, "mailbox_key": key,
           "tom": people["without_right"][0].id, "staff_berichten": people["berichten"][0].id,
           "wop_request": wop_request.id, "wop_token": wop_token}
    yield people, ids
    box.discard(key)


def _client_for(app, user, enterprise):
    """A client logged in as `user` acting for `enterprise`, with a real login session row."""
    client = app.test_client()
    if user is None:
        return client
    sid = secrets.token_urlsafe(16)
    db.session.add(LoginSession(id=_digest(sid), user_id=user.id))
    db.session.commit()
    with client.session_transaction() as session:
        session.update(user_id=user.id, sid=sid)
        if enterprise is not None:
            assert db.session.get(Membership, (user.id, enterprise.id))
            session["enterprise_id"] = enterprise.id
    return client


def _outcome(response) -> str:
    location = response.headers.get("Location", "")
    if response.status_code in (301, 302, 303) and location.startswith("/aanmelden"):
        return "login"
    if response.status_code in (401, 403):
        return "403"
    if response.status_code == 404:
        return "404"
    # /readyz may say 503 (the test has no SMTP server): an answer about the machine, not a crash
    assert response.status_code < 500 or response.request.path == "/readyz", response.get_data(as_text=True)[-500:]
    return "ok"


@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_route_answers_each_actor_as_the_matrix_says(app, world, endpoint):
    people, ids = world
    kind, method, arguments = MATRIX[endpoint]
    with app.test_request_context():
        from flask import url_for

        url = url_for(endpoint, **{name: ids.get(value, value) for name, value in arguments.items()})
    # actors that may act go last: an allowed POST may change what the others would see
    order = sorted(ACTORS, key=lambda actor: EXPECTED[kind][actor] == "ok")
    seen = {}
    for actor in order:
        user, enterprise = people[actor]
        client = _client_for(app, user, enterprise)
        response = client.open(url, method=method)
        seen[actor] = _outcome(response)
        response.close()
    expected = {actor: ("404" if outcome == "any404" else outcome) for actor, outcome in EXPECTED[kind].items()}
    assert seen == expected
