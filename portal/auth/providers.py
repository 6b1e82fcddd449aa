"""The authentication seam: every login ends as an Identity; views never see how it was made.

`demo` checks hashed passwords against the user table. `oidc` talks OpenID Connect to the Flemish
government's ACM/IDM (or any OIDC provider) through Authlib. Pick one with AUTH_PROVIDER.
"""

from dataclasses import dataclass
from functools import cache
from typing import Protocol

from flask import Response, abort, current_app, make_response, render_template, request, url_for
from werkzeug.security import check_password_hash, generate_password_hash

from portal.auth import throttle
from portal.auth.forms import LoginForm


@dataclass(frozen=True)
class Identity:
    subject: str
    name: str
    email: str | None = None
    national_number: str | None = None
    # ACM/IDM's `vo_orgcode`: the enterprise the user logged in for, when the provider knows it.
    enterprise_number: str | None = None
    enterprise_name: str | None = None
    # The measures the user holds the right for in that enterprise, when the provider says so
    # (None: it does not, as the demo provider; the rights in the portal then stand).
    rights: frozenset[str] | None = None


class LoginFailed(Exception):
    """The identity provider's answer is not a login: shown as a Dutch page, never a crash."""


class AuthProvider(Protocol):
    def login(self) -> Response | str | Identity:
        """Handle /aanmelden: a page or redirect to show, or the Identity of a completed login."""

    def callback(self) -> Identity | None:
        """Handle the provider's redirect back, for providers that use one."""


class DemoProvider:
    """Login name and password, checked against a hash; the demo data's users."""

    def login(self):
        if current_app.config["LOKET_ENV"] == "production":  # config.check refuses this at start too
            abort(404)
        form = LoginForm()
        if form.validate_on_submit():
            login = form.login.data.strip()
            wait = throttle.seconds_to_wait(login)
            if wait:
                return self._locked(form, wait)
            identity = self._check(login, form.password.data)
            if identity:
                throttle.succeeded(login)
                return identity
            throttle.failed(login)
            form.password.errors.append("Deze combinatie van gebruikersnaam en wachtwoord kennen we niet.")
        status = 422 if form.errors else 200
        return render_template("auth/login.html", form=form), status

    @staticmethod
    def _locked(form, seconds: int) -> Response:
        """429 with Retry-After, and the login page saying in Dutch how long to wait; the password
        is not even checked, so a right one does not get through either."""
        minutes = -(-seconds // 60)
        form.password.errors.append(
            "U hebt te vaak een verkeerd wachtwoord ingegeven. Om uw account te beschermen kunt u "
            f"pas over {minutes} {'minuut' if minutes == 1 else 'minuten'} opnieuw aanmelden."
        )
        response = make_response(render_template("auth/login.html", form=form), 429)
        response.headers["Retry-After"] = str(seconds)
        return response

    def callback(self):
        return None

    @staticmethod
    def _check(login: str, password: str) -> Identity | None:
        from portal.extensions import db
        from portal.models import User

        user = db.session.scalar(db.select(User).filter_by(subject=login))
        if user is None or not user.password_hash:
            check_password_hash(_dummy_hash(), password)  # as slow as a wrong password: no enumeration
            return None
        if not check_password_hash(user.password_hash, password):
            return None
        return Identity(subject=user.subject, name=user.name, email=user.email)


@cache
def _dummy_hash() -> str:
    """A hash of the same method and cost as the users' own (werkzeug's default, as portal/demo.py
    makes them), checked for an unknown login so that it answers as slowly as a wrong password."""
    return generate_password_hash("geen-gebruiker")


DEFAULT_CLAIMS = {"enterprise": "vo_orgcode", "enterprise_name": "vo_orgnaam", "rights": None, "rights_prefix": ""}


def identity_from_claims(claims: dict, names: dict | None = None) -> Identity:
    """Map ACM/IDM's ID-token claims to an Identity (sub, naam, rrn, vo_orgcode). The claim names
    are settings (OIDC_CLAIM_…); a rights claim holds roles such as `WSELoket-vop:0403170701`: the
    prefix, a measure code, and optionally the enterprise the role is for."""
    names = {**DEFAULT_CLAIMS, **(names or {})}
    name = claims.get("name") or " ".join(filter(None, [claims.get("given_name"), claims.get("family_name")]))
    enterprise = claims.get(names["enterprise"])
    return Identity(
        subject=str(claims["sub"]),
        name=name or str(claims["sub"]),
        email=claims.get("email"),
        national_number=claims.get("rrn"),
        enterprise_number=enterprise,
        enterprise_name=claims.get(names["enterprise_name"]),
        rights=_rights(claims.get(names["rights"]), names["rights_prefix"], enterprise) if names["rights"] else None,
    )


def _rights(roles, prefix: str, enterprise: str | None) -> frozenset[str]:
    from portal.domain.measures import get_measure

    if isinstance(roles, str):
        roles = roles.replace(",", " ").split()
    held = set()
    for role in roles or ():
        role, _, scope = str(role).partition(":")
        code = role[len(prefix):].lower() if role.startswith(prefix) else None
        if code and get_measure(code) and (not scope or scope == enterprise):
            held.add(code)
    return frozenset(held)


class OidcProvider:
    """OpenID Connect through Authlib; configured with OIDC_METADATA_URL, OIDC_CLIENT_ID/SECRET."""

    def __init__(self, app):
        from authlib.integrations.flask_client import OAuth

        self.claims = {"enterprise": app.config["OIDC_CLAIM_ENTERPRISE"],
                       "enterprise_name": app.config["OIDC_CLAIM_ENTERPRISE_NAME"],
                       "rights": app.config["OIDC_CLAIM_RIGHTS"], "rights_prefix": app.config["OIDC_RIGHTS_PREFIX"]}
        self.oauth = OAuth(app)
        self.client = self.oauth.register(
            "acmidm",
            server_metadata_url=app.config["OIDC_METADATA_URL"],
            client_id=app.config["OIDC_CLIENT_ID"],
            client_secret=app.config["OIDC_CLIENT_SECRET"],
            client_kwargs={"scope": "openid profile vo", "code_challenge_method": "S256"},
        )

    def login(self):
        """To the provider, with state, nonce (Authlib keeps both in the session) and PKCE (S256)."""
        return self.client.authorize_redirect(url_for("auth.callback", _external=True))

    def callback(self):
        """The code exchanged (with the PKCE verifier) and the ID token checked: signature, issuer,
        audience, expiry, nonce; a state that does not match the one sent is refused first."""
        from authlib.integrations.base_client import OAuthError
        from joserfc.errors import JoseError

        if "error" in request.args:
            raise LoginFailed(f"provider: {request.args.get('error')}")
        try:
            token = self.client.authorize_access_token()
        except (OAuthError, JoseError, ValueError, KeyError) as error:
            raise LoginFailed(f"{type(error).__name__}: {error}") from error
        claims = token.get("userinfo")
        if not claims:
            raise LoginFailed("geen ID-token")
        # Authlib lets a token for another audience through when it names this client as `azp`:
        # the audience itself must be this portal.
        audience = claims.get("aud")
        if current_app.config["OIDC_CLIENT_ID"] not in (audience if isinstance(audience, list) else [audience]):
            raise LoginFailed(f"ID-token voor een ander publiek: {audience!r}")
        return identity_from_claims(dict(claims), self.claims)


def get_provider() -> AuthProvider:
    providers = current_app.extensions.setdefault("loket_auth", {})
    name = current_app.config["AUTH_PROVIDER"]
    if name not in providers:
        if name == "demo":
            providers[name] = DemoProvider()
        elif name == "oidc":
            providers[name] = OidcProvider(current_app)
        else:
            raise RuntimeError(f"Onbekende AUTH_PROVIDER: {name}")
    return providers[name]
