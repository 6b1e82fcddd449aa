"""Regression tests for the findings of the security probe (issue 16, "Found by a probe")."""

import pytest

from portal.auth.routes import _safe_next

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
