"""Browser test: logging in through a real OpenID Connect provider (tests/oidc_provider.py, its own
process on loopback), with the enterprise and the rights from the token's claims."""

import re

import pytest
from playwright.sync_api import expect

from e2e.conftest import check_accessibility
from tests.test_oidc import provider  # noqa: F401  (the provider process, a session fixture)


@pytest.fixture
def oidc_portal(portal, provider, monkeypatch):  # noqa: F811
    for key, value in {"AUTH_PROVIDER": "oidc", "OIDC_METADATA_URL": f"{provider}/.well-known/openid-configuration",
                       "OIDC_CLIENT_ID": "loket", "OIDC_CLIENT_SECRET": "loket-geheim"}.items():
        monkeypatch.setitem(portal.app.config, key, value)
    yield portal
    portal.app.extensions.get("loket_auth", {}).pop("oidc", None)


def test_login_through_the_flemish_government_provider(page, oidc_portal):
    page.goto("/aanmelden")
    expect(page.get_by_role("heading", name="Aanmelden bij de Vlaamse overheid (test)")).to_be_visible()
    page.get_by_role("button", name="Aanmelden als Els Peeters").click()
    expect(page.get_by_role("heading", name="Start nieuwe aanvraag")).to_be_visible()
    expect(page.get_by_text(re.compile(r"voor Bakkerij Peeters NV"))).to_be_visible()
    expect(page.get_by_role("link", name="Individueel maatwerk")).to_be_visible()  # the right from the token
    check_accessibility(page)


def test_a_person_without_rights_in_the_token_sees_the_tiles_lighter(page, oidc_portal):
    page.goto("/aanmelden")
    page.get_by_role("button", name="Aanmelden als Tom Janssens").click()
    expect(page.get_by_role("heading", name="Start nieuwe aanvraag")).to_be_visible()
    expect(page.get_by_role("link", name="Individueel maatwerk")).to_have_count(0)
