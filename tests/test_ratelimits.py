"""Rate limits (portal/ratelimits.py): login, upload, submit and campaign sending, per user and
per address, counted in the app's Redis, answered with a Dutch page and Retry-After."""

import pytest

from portal import create_app
from portal.queue import get_redis
from tests import support


def assert_limited(response):
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) >= 1
    page = response.get_data(as_text=True)
    assert "Even geduld" in page and "opnieuw doen" in page


def test_logins_are_limited_per_login_name_with_a_dutch_page(app, client, people):
    app.config["RATELIMIT_LOGIN"] = "3 per minute"
    for _ in range(3):
        assert client.post("/aanmelden", data={"login": "els", "password": "fout"}).status_code == 422
    assert_limited(client.post("/aanmelden", data={"login": "els", "password": "geheim"}))
    # another login from the same address is not held back by Els's counter
    assert client.post("/aanmelden", data={"login": "jan", "password": "geheim"}).status_code == 303
    # the counters are in the app's Redis, not in the process
    assert any(key.startswith(b"loket:limits") for key in get_redis().keys("*"))


def test_logins_are_limited_per_address(app, client, people):
    app.config["RATELIMIT_LOGIN_PER_ADDRESS"] = "4 per minute"
    for n in range(4):
        client.post("/aanmelden", data={"login": f"iemand{n}", "password": "fout"})
    assert_limited(client.post("/aanmelden", data={"login": "els", "password": "geheim"}))
    assert client.get("/aanmelden").status_code == 200  # only attempts count, not the page


def test_uploads_are_limited_per_user(app, client, auth, people):
    app.config["RATELIMIT_UPLOAD"] = "2 per minute"
    auth.login("els")
    for _ in range(2):
        assert client.post("/aanvragen/999999/uploads", data={"kind": "x"}).status_code == 404
    assert_limited(client.put("/aanvragen/999999/uploads/abc", data=b"x"))
    assert_limited(client.post("/aanvragen/999999/documenten"))


def test_submitting_is_limited_per_user(app, client, auth, people):
    app.config["RATELIMIT_SUBMIT"] = "1 per minute"
    auth.login("els")
    client.post("/aanvragen/999999/overzicht")
    assert_limited(client.post("/aanvragen/999999/overzicht"))
    assert client.get("/aanvraag").status_code == 200  # the rest of the portal is open


def test_sending_a_campaign_is_limited_but_previews_are_not(app, client, auth, people):
    app.config["RATELIMIT_CAMPAIGN"] = "1 per hour"
    auth.login("sofie")
    data = {"subject": "Onderwerp", "body": "Tekst", "measure": "", "audience": "alle"}
    for _ in range(3):
        assert client.post("/backoffice/berichten/nieuw", data={**data, "actie": "voorbeeld"}).status_code != 429
    assert client.post("/backoffice/berichten/nieuw", data={**data, "actie": "versturen"}).status_code != 429
    assert_limited(client.post("/backoffice/berichten/nieuw", data={**data, "actie": "versturen"}))


@pytest.fixture
def proxied(workdir, redis_connection):
    app = support.create_app(support.overrides(workdir, WTF_CSRF_ENABLED=False, PROXY_FIX_HOPS=1,
                                               RATELIMIT_LOGIN_PER_ADDRESS="2 per minute"))
    support.use_redis(app, redis_connection)
    redis_connection.flushdb()
    yield app
    support.dispose(app)


def test_behind_a_proxy_the_forwarded_address_is_counted(proxied):
    client = proxied.test_client()
    first = {"X-Forwarded-For": "203.0.113.7"}
    for n in range(2):
        client.post("/aanmelden", data={"login": f"a{n}", "password": "x"}, headers=first)
    assert client.post("/aanmelden", data={"login": "b", "password": "x"}, headers=first).status_code == 429
    other = {"X-Forwarded-For": "198.51.100.1"}
    assert client.post("/aanmelden", data={"login": "b", "password": "x"}, headers=other).status_code == 422


def test_without_proxy_setting_the_forwarded_header_is_ignored(tmp_path):
    app = create_app({"INSTANCE_DIR": str(tmp_path), "SECRET_KEY": "x"})
    assert app.config["PROXY_FIX_HOPS"] == 0
    assert "ProxyFix" not in type(app.wsgi_app).__name__
