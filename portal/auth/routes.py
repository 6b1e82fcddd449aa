"""Login, logout and the choice of enterprise and school."""

import logging
import unicodedata
from urllib.parse import urlsplit

from flask import abort, flash, g, redirect, render_template, request, url_for

from portal.auth import actor, bp
from portal.auth.forms import ChooseEnterpriseForm, ChooseSchoolForm
from portal.auth.providers import Identity, LoginFailed, get_provider
from portal.forms import EmptyForm, choices
from portal.ratelimits import limited


log = logging.getLogger(__name__)


def _safe_next(target: str | None) -> str | None:
    r"""A path on this site to return to, or None.

    Judged as a browser reads it: browsers drop tabs and newlines from a URL and read a backslash
    as a slash, so `/\t/evil.example/` or `/\evil.example` leaves the site; and a newline in a
    Location header is a crash. So: no control characters, whitespace or backslashes at all, then
    no scheme and no host, and it starts with one slash.
    """
    if not target or "\\" in target:
        return None
    if any(ch.isspace() or unicodedata.category(ch)[0] == "C" for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _complete(identity: Identity):
    actor.sign_in(identity)
    actor.load_actor()
    return redirect(_safe_next(request.args.get("volgende")) or actor.landing_url(), code=303)


@bp.route("/aanmelden", methods=["GET", "POST"])
@limited("login")
def login():
    """Log in through the configured provider."""
    result = get_provider().login()
    return _complete(result) if isinstance(result, Identity) else result


@bp.get("/aanmelden/terug")
def callback():
    """The identity provider's redirect back (OpenID Connect)."""
    try:
        identity = get_provider().callback()
    except LoginFailed as failed:
        log.warning("Aanmelding via de identiteitsprovider geweigerd: %s", failed)
        text = ("Het aanmelden via de Vlaamse overheid is niet gelukt, of de aanmelding was niet meer geldig. "
                "Probeer opnieuw aan te melden.")
        return render_template("errors/error.html", code=400, title="Aanmelden niet gelukt", text=text), 400
    if identity is None:
        abort(404)
    return _complete(identity)


@bp.post("/afmelden")
def logout():
    """Log out; a POST with a CSRF token, so no link can log a user out."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    actor.end_session()
    flash("U bent afgemeld.")
    return redirect(url_for("auth.login"), code=303)


@bp.get("/sessie")
@actor.login_required
def keep_alive():
    """A request that only says the user is still there (the warning's "Aangemeld blijven")."""
    return "", 204


@bp.route("/onderneming", methods=["GET", "POST"])
@actor.login_required
def choose_enterprise():
    """Pick the enterprise to act for, shown as 0xxx.xxx.xxx with its name."""
    memberships = actor.memberships_of(g.user)
    form = ChooseEnterpriseForm()
    form.enterprise.choices = choices(
        (m.enterprise_id, f"{m.enterprise.display_number} – {m.enterprise.name}") for m in memberships
    )
    if form.validate_on_submit() and actor.act_for(form.enterprise.data):
        actor.load_actor()
        return redirect(_safe_next(request.args.get("volgende")) or actor.landing_url(), code=303)
    if request.method == "GET" and g.enterprise:
        form.enterprise.data = g.enterprise.id
    status = 422 if form.errors else 200
    return render_template("auth/choose_enterprise.html", form=form, memberships=memberships), status


@bp.route("/school", methods=["GET", "POST"])
@actor.login_required
def choose_school():
    """A school group's user chooses the school (establishment) it applies for."""
    if g.enterprise is None or not g.enterprise.is_school_group:
        return redirect(actor.landing_url())
    form = ChooseSchoolForm()
    schools = [e for e in g.enterprise.establishments if e.is_school]
    form.school.choices = choices((s.id, s.name) for s in schools)
    if form.validate_on_submit() and actor.choose_school(form.school.data):
        return redirect(_safe_next(request.args.get("volgende")) or url_for("tiles.start"), code=303)
    if request.method == "GET" and g.establishment:
        form.school.data = g.establishment.id
    status = 422 if form.errors else 200
    return render_template("auth/choose_school.html", form=form), status
