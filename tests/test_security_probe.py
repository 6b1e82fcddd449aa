"""Regression tests for the findings of the security probe (issue 16, "Found by a probe")."""

import io

import pytest
from markupsafe import escape

from portal.auth.routes import _safe_next
from tests import support

OFF_SITE = [
    "/\t/evil.example/", "/\n/evil.example/", "/\r/evil.example/", "/\r\n/evil.example/",
    "\t//evil.example/", "/\x00/evil.example/", "/\x0b/evil.example/", "/\x0c/evil.example/",
    "/ /evil.example/", "/\u3000/evil.example/", "/\u200b/evil.example/", "//evil.example/",
    "/\\evil.example/", "\\\\evil.example/", "https://evil.example/", "javascript:alert(1)",
    "evil.example", " /aanvraag", "/aanvraag\nSet-Cookie: x=1",
]


@pytest.mark.parametrize("target", OFF_SITE)
def test_safe_next_refuses_what_a_browser_could_read_as_another_site(target):
    assert _safe_next(target) is None


@pytest.mark.parametrize("target", ["/aanvraag", "/aanvraag/im?stap=2", "/dossiers/%2F%2Fevil.example"])
def test_safe_next_keeps_paths_on_this_site(target):
    assert _safe_next(target) == target


@pytest.fixture
def bakery(make):
    return make.enterprise("Bakkerij Peeters NV", "0403170701")


@pytest.mark.parametrize("target", OFF_SITE)
def test_login_with_a_crafted_next_lands_on_the_tiles(auth, make, bakery, target):
    make.user("els", enterprise=bakery, rights=("im",))
    response = auth.login("els", volgende=target)
    assert response.status_code == 303
    assert response.headers["Location"] == "/aanvraag"


def test_the_probe_request_itself_stays_on_site(client, make, bakery):
    make.user("els", enterprise=bakery, rights=("im",))
    response = client.post("/aanmelden?volgende=/%09/evil.example/", data={"login": "els", "password": "geheim"})
    assert response.status_code == 303 and response.headers["Location"] == "/aanvraag"
    response = client.post("/aanmelden?volgende=/%0A/evil.example/", data={"login": "els", "password": "geheim"})
    assert response.status_code == 303 and response.headers["Location"] == "/aanvraag"


@pytest.mark.parametrize("target", ["/%09/evil.example/", "/%0D%0A/evil.example/", "/%5Cevil.example/"])
def test_enterprise_and_school_choice_stay_on_site(client, auth, make, target):
    group = make.enterprise("Scholengroep Rivierenland", "0812345603", kind="scholengroep", schools=("School A",))
    make.user("karin", enterprise=group, rights=("im",))
    auth.login("karin")
    response = client.post(f"/onderneming?volgende={target}", data={"enterprise": group.id})
    assert response.status_code == 303 and response.headers["Location"] == "/school"
    response = client.post(f"/school?volgende={target}", data={"school": group.establishments[0].id})
    assert response.status_code == 303 and response.headers["Location"] == "/aanvraag"


def test_an_unknown_login_checks_a_password_hash_too(app, make, bakery, monkeypatch):
    """No timing difference between an unknown login and a wrong password: both verify a hash."""
    from portal.auth import providers

    make.user("els", enterprise=bakery)
    calls = []
    real = providers.check_password_hash
    monkeypatch.setattr(providers, "check_password_hash", lambda *a: calls.append(a) or real(*a))
    with app.test_request_context():
        assert providers.DemoProvider._check("niemand", "geheim") is None
        assert providers.DemoProvider._check("els", "fout") is None
    assert len(calls) == 2
    assert calls[0][0] == providers._dummy_hash() and calls[0][1] == "geheim"


def test_the_dummy_hash_costs_what_a_users_hash_costs():
    from werkzeug.security import generate_password_hash

    from portal.auth.providers import _dummy_hash

    assert _dummy_hash().split("$")[0] == generate_password_hash("demo").split("$")[0]


def test_a_docx_declared_macro_enabled_is_refused_without_a_vba_part():
    from portal.uploads.checks import UploadRefused, check
    from tests import files

    with pytest.raises(UploadRefused, match="macro's aanvaarden we niet"):
        check("bewijs.docx", files.docx(macro_enabled_type=True))


def test_a_legacy_doc_with_a_macros_storage_is_refused_and_one_without_is_accepted():
    from portal.uploads.checks import UploadRefused, check
    from tests import files

    assert check("bewijs.doc", files.doc()) == "application/msword"
    with pytest.raises(UploadRefused, match="macro's aanvaarden we niet"):
        check("bewijs.doc", files.doc(macro=True))


@pytest.mark.parametrize("name", ["_VBA_PROJECT_CUR", "vba", "MACROS"])
def test_any_ole_macro_storage_name_is_found(name):
    from portal.uploads.checks import _check_doc, UploadRefused
    from tests import files

    content = files.doc() + files._ole_entry(name, 1)  # one more directory entry, 128-byte aligned
    with pytest.raises(UploadRefused):
        _check_doc(content)


BAD_REFERENCE_FILES = [
    (b"rijksregisternummer behoefte jaren\n85073003328 loonpremie 5\n", "Regel 1:"),
    (b"", "Regel 1: het bestand is leeg"),
    (b"   \n\n", "Regel 1: het bestand is leeg"),
    (bytes(range(256)) * 4, "Regel 2: het bestand is geen UTF-8-tekst"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Regel 1:"),
    ("rijksregisternummer;behoefte;jaren;pakket;arbeidshandicap;datum\n85073003328;loonpremie;5;WOP 3;erkend;2025-01-15\n"
     "92010117783;g\xe9\xe9n;;;;\n".encode("latin-1"), "Regel 3: het bestand is geen UTF-8-tekst"),
    ("rijksregisternummer;behoefte\n".encode("utf-16"), "Regel 1:"),
    (b"rijksregisternummer;behoefte;jaren;pakket;arbeidshandicap;datum\n85073003328;loonpremie;5\n", "Regel 2: 3 kolom(men) in plaats van 6"),
    (b"rijksregisternummer;behoefte;jaren;pakket;arbeidshandicap;datum\n85073003328;loonpremie;5;WOP 3;erkend;2025-01-15;x\n",
     "Regel 2: 7 kolom(men) in plaats van 6"),
    (b"rijksregisternummer;behoefte;jaren;pakket;arbeidshandicap;datum\n85073003328;loonpremie;5.5;WOP 3;erkend;\n",
     "Regel 2: jaren moet een geheel getal"),
    (b"rijksregisternummer;behoefte;jaren;pakket;arbeidshandicap;datum\n85073003328;loonpremie;99999999999;WOP 3;;\n",
     "Regel 2: jaren moet een geheel getal"),
    (b"rijksregisternummer;behoefte;jaren;pakket;arbeidshandicap;datum\n85073003328;loonpremie;5;" + b"W" * 11 + b";;\n",
     "Regel 2: pakket is langer dan 10 tekens"),
    (b"rijksregisternummer;behoefte;jaren;pakket;arbeidshandicap;datum\n\"85073003328;loonpremie;" + b"x" * 200000 + b"\n",
     "Regel 2: deze regel is geen geldige CSV-regel"),
]


@pytest.mark.parametrize("content, message", BAD_REFERENCE_FILES)
def test_any_bad_reference_file_names_a_line_and_loads_nothing(app, content, message):
    from portal.extensions import db
    from portal.models import VdabRecord
    from portal.sources import reference

    with pytest.raises(reference.ReferenceError) as error:
        reference.load("vdab", content)
    assert any(problem.startswith(message) for problem in error.value.problems), error.value.problems
    assert all(problem.startswith("Regel ") for problem in error.value.problems)
    assert db.session.query(VdabRecord).count() == 0


def test_line_numbers_count_blank_lines_as_the_spreadsheet_does(app):
    from portal.sources import reference

    content = b"code;naam;gemeente\nA;Een;\n\nB;;\n"
    with pytest.raises(reference.ReferenceError) as error:
        reference.load("dienstverleners", content)
    assert error.value.problems == ["Regel 4: naam ontbreekt"]


def test_header_with_spaces_and_capitals_still_loads(app):
    from portal.sources import reference

    assert reference.load("dienstverleners", b" Code , Naam ,Gemeente\nA,Een,Gent\n") == 1


@pytest.mark.parametrize("content, message", BAD_REFERENCE_FILES)
def test_staff_upload_of_a_bad_reference_file_answers_in_dutch(client, auth, make, content, message):
    from portal.extensions import db
    from portal.models import VdabRecord

    make.user("sofie", staff=True)
    auth.login("sofie")
    response = client.post("/backoffice/dossiers/bronnen", content_type="multipart/form-data",
                           data={"source": "vdab", "file": (io.BytesIO(content), "vdab.csv")})
    assert response.status_code == 422
    assert escape(message) in response.get_data(as_text=True)
    assert db.session.query(VdabRecord).count() == 0


def _cookie(client):
    return client.get_cookie("loket_session").value


def test_a_cookie_copied_before_logout_no_longer_works_after_it(app, client, auth, make, bakery):
    make.user("els", enterprise=bakery, rights=("im",))
    auth.login("els")
    copied = _cookie(client)
    assert client.get("/aanvraag").status_code == 200
    assert client.post("/afmelden").status_code == 303
    thief = app.test_client()
    thief.set_cookie("loket_session", copied)
    response = thief.get("/aanvraag")
    assert response.status_code == 302 and response.headers["Location"].startswith("/aanmelden")


def test_logout_ends_only_that_session(app, client, auth, make, bakery):
    make.user("els", enterprise=bakery, rights=("im",))
    other = app.test_client()
    other.post("/aanmelden", data={"login": "els", "password": "geheim"})
    auth.login("els")
    client.post("/afmelden")
    assert other.get("/aanvraag").status_code == 200


def test_a_session_ends_after_its_lifetime(app, client, auth, make, bakery):
    from portal.models import LoginSession
    from portal.auth.actor import SESSION_LIFETIME
    from portal.extensions import db

    make.user("els", enterprise=bakery, rights=("im",))
    auth.login("els")
    row = db.session.scalars(db.select(LoginSession)).one()
    row.created_at -= SESSION_LIFETIME
    db.session.commit()
    assert client.get("/aanvraag").status_code == 302


def test_a_signed_cookie_without_a_session_id_is_not_a_login(client, make, bakery):
    user = make.user("els", enterprise=bakery, rights=("im",))
    with client.session_transaction() as forged:  # what a cookie from before server-side sessions holds
        forged["user_id"] = user.id
        forged["enterprise_id"] = bakery.id
    assert client.get("/aanvraag").status_code == 302


def test_login_starts_a_new_session(client, auth, make, bakery):
    make.user("els", enterprise=bakery, rights=("im",))
    with client.session_transaction() as before:
        before["planted"] = "by someone else"
    auth.login("els")
    with client.session_transaction() as first:
        assert "planted" not in first
        sid = first["sid"]
    auth.login("els")
    with client.session_transaction() as second:
        assert second["sid"] != sid


def test_the_csrf_token_changes_at_login(csrf_client, make, bakery):
    make.user("els", enterprise=bakery, rights=("im",))
    before = support.csrf_token(csrf_client.get("/aanmelden").get_data(as_text=True))
    with csrf_client.session_transaction() as anonymous:
        raw_before = anonymous["csrf_token"]
    assert csrf_client.post("/aanmelden", data={"login": "els", "password": "geheim", "csrf_token": before}).status_code == 303
    after = support.csrf_token(csrf_client.get("/aanvraag").get_data(as_text=True))
    with csrf_client.session_transaction() as logged_in:
        assert logged_in["csrf_token"] != raw_before
    assert csrf_client.post("/afmelden", data={"csrf_token": before}).status_code == 400
    assert csrf_client.post("/afmelden", data={"csrf_token": after}).status_code == 303


LOCKED = "U hebt te vaak een verkeerd wachtwoord ingegeven"


def _forget_failures(redis_connection):
    """What the end of the lockout window does."""
    for key in redis_connection.scan_iter("loket:login-failures:*"):
        redis_connection.delete(key)


def test_five_wrong_passwords_lock_the_login_even_for_the_right_one(client, auth, make, bakery, redis_connection):
    make.user("els", enterprise=bakery, rights=("im",))
    for _ in range(5):
        assert auth.login("els", "fout").status_code == 422
    response = auth.login("els")
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60
    page = response.get_data(as_text=True)
    assert LOCKED in page and "over 15 minuten opnieuw aanmelden" in page
    assert client.get("/aanvraag").status_code == 302  # not logged in
    assert auth.login("ELS ").status_code == 429  # the same login, however typed
    _forget_failures(redis_connection)
    assert auth.login("els").status_code == 303


def test_thirty_wrong_then_the_right_one_as_the_probe_did(auth, make, bakery):
    make.user("els", enterprise=bakery, rights=("im",))
    statuses = [auth.login("els", "fout").status_code for _ in range(30)]
    assert statuses[:5] == [422] * 5 and set(statuses[5:]) == {429}
    assert auth.login("els").status_code == 429


def test_a_right_password_before_the_limit_forgets_the_failures(auth, make, bakery):
    make.user("els", enterprise=bakery, rights=("im",))
    for _ in range(2):
        for _ in range(4):
            auth.login("els", "fout")
        assert auth.login("els").status_code == 303


def test_an_unknown_login_is_locked_the_same_way(auth):
    for _ in range(5):
        assert auth.login("niemand", "fout").status_code == 422
    assert auth.login("niemand", "fout").status_code == 429


def test_one_locked_login_does_not_lock_another(auth, make, bakery):
    make.user("els", enterprise=bakery, rights=("im",))
    make.user("tom", enterprise=bakery, rights=("im",))
    for _ in range(6):
        auth.login("els", "fout")
    assert auth.login("tom").status_code == 303


def test_an_address_with_many_failures_over_many_logins_is_refused(app, client, make, bakery):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 3
    make.user("els", enterprise=bakery, rights=("im",))
    for name in ("a", "b", "c"):
        assert client.post("/aanmelden", data={"login": name, "password": "x"}).status_code == 422
    assert client.post("/aanmelden", data={"login": "els", "password": "geheim"}).status_code == 429
    elsewhere = client.post("/aanmelden", data={"login": "els", "password": "geheim"},
                            environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert elsewhere.status_code == 303


def test_login_still_works_when_redis_is_down(auth, make, bakery, monkeypatch):
    from redis.exceptions import ConnectionError

    from portal.auth import throttle

    def down():
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(throttle, "get_redis", down)
    make.user("els", enterprise=bakery, rights=("im",))
    assert auth.login("els", "fout").status_code == 422
    assert auth.login("els").status_code == 303
