"""Login through OpenID Connect (portal/auth/providers.py, Authlib) against a real provider process
on loopback (tests/oidc_provider.py): PKCE, state and nonce; the enterprise and the rights per
measure from the token's claims; refused with a Dutch page for a wrong state, a replayed code, a
token for another audience and an expired token."""

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from portal.extensions import db
from portal.models import AuditEvent, Enterprise, MeasureRight, User
from tests import support

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def provider():
    port = support.free_port()
    process = subprocess.Popen([sys.executable, "-m", "tests.oidc_provider", str(port)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout.readline().strip() == "klaar"
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)
    process.stdout.close()


@pytest.fixture
def oidc(app, provider):
    app.config.update(AUTH_PROVIDER="oidc", OIDC_METADATA_URL=f"{provider}/.well-known/openid-configuration",
                      OIDC_CLIENT_ID="loket", OIDC_CLIENT_SECRET="loket-geheim")
    return provider


def start(client):
    """The portal's redirect to the provider, and the provider's answer for Els: the callback URL."""
    response = client.get("/aanmelden")
    assert response.status_code == 302
    query = {key: values[0] for key, values in parse_qs(urlsplit(response.headers["Location"]).query).items()}
    return response.headers["Location"], query


def choose(location, query, person="els-acm"):
    answer = requests.post(location.split("?")[0], data={**query, "persoon": person}, allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    callback = urlsplit(answer.headers["Location"])
    return f"{callback.path}?{callback.query}"


def refused(response):
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Het aanmelden via de Vlaamse overheid is niet gelukt" in page
    return page


def test_login_through_the_provider_with_pkce_state_and_nonce(client, oidc):
    location, query = start(client)
    assert location.startswith(f"{oidc}/authorize")
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) >= 43
    assert query["state"] and query["nonce"] and query["client_id"] == "loket"
    assert "openid" in query["scope"].split()
    response = client.get(choose(location, query))
    assert response.status_code == 303 and response.headers["Location"] == "/aanvraag"
    els = db.session.scalar(db.select(User).filter_by(subject="els-acm"))
    assert els.name == "Els Peeters" and els.national_number == "85073003328"
    bakery = db.session.scalar(db.select(Enterprise).filter_by(number="0403170701"))
    assert bakery.name == "Bakkerij Peeters NV"
    rights = set(db.session.scalars(db.select(MeasureRight.measure).filter_by(user_id=els.id)))
    assert rights == {"vop", "im"}
    assert client.get("/aanvraag/im").status_code == 200  # the right from the token opens the measure
    assert {e.action for e in db.session.scalars(db.select(AuditEvent))} == {"recht_toegekend"}


def test_a_right_withdrawn_at_the_provider_is_gone_at_the_next_login(client, oidc):
    client.get(choose(*start(client)))
    els = db.session.scalar(db.select(User).filter_by(subject="els-acm"))
    db.session.add(MeasureRight(user_id=els.id, enterprise_id=db.session.scalar(db.select(Enterprise.id)),
                                measure="extra"))
    db.session.commit()
    client.post("/afmelden")
    client.get(choose(*start(client)))
    assert set(db.session.scalars(db.select(MeasureRight.measure).filter_by(user_id=els.id))) == {"vop", "im"}


def test_a_wrong_state_is_refused(client, oidc):
    callback = choose(*start(client))
    forged = callback.replace("state=", "state=x")
    refused(client.get(forged))
    assert client.get("/aanvraag").status_code == 302  # not logged in


def test_a_replayed_code_is_refused(client, oidc, app):
    location, query = start(client)
    callback = choose(location, query)
    assert client.get(callback).status_code == 303
    client.post("/afmelden")
    # the same answer again, in a session that started a login with the same state
    with client.session_transaction() as session:
        session.clear()
    other = app.test_client()
    _, again = start(other)
    replay = callback.replace(f"state={query['state']}", f"state={again['state']}")
    refused(other.get(replay))
    assert other.get("/aanvraag").status_code == 302


@pytest.mark.parametrize("mode", ["ander-publiek", "verlopen", "andere-nonce"])
def test_a_token_for_another_audience_expired_or_with_a_wrong_nonce_is_refused(client, oidc, mode):
    location, query = start(client)
    requests.post(f"{oidc}/test/modus", data={"modus": mode}, timeout=10)
    refused(client.get(choose(location, query)))
    assert client.get("/aanvraag").status_code == 302
    assert db.session.scalar(db.select(User).filter_by(subject="els-acm")) is None


def test_an_error_from_the_provider_is_a_dutch_page(client, oidc):
    start(client)
    refused(client.get("/aanmelden/terug?error=access_denied&state=x"))
