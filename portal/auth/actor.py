"""Who is logged in and for which enterprise (and school) they act.

The acting enterprise comes from the session and is checked against the user's memberships on
every request: never from a URL or a form. Every organisation query is scoped by `g.enterprise`.
"""

import time
from datetime import timedelta
from functools import cache, wraps

from flask import abort, current_app, g, redirect, request, session, url_for

from portal.auth import actor_cache
from portal.auth.providers import Identity
from portal.domain import rights
from portal.domain.measures import get_measure
from portal.extensions import db
from portal.models import (AuditEvent, Enterprise, Establishment, LoginSession, MeasureRight, Membership, StaffRole,
                           User)
from portal.models.base import utcnow
from portal.tokens import digest, new_token

# However long a browser keeps its session cookie, a login ends after this (and its row goes).
SESSION_LIFETIME = timedelta(hours=12)


def init_app(app):
    actor_cache.init_app(app)
    app.before_request(load_actor)
    app.context_processor(lambda: {"actor": actor_context()})


def load_actor():
    """Who asks, for which enterprise and school, with which rights and staff roles.

    The user is joined to the session row (a login that has ended finds nothing), to the membership
    of the enterprise the session acts for (withdrawn meanwhile: the enterprise is forgotten), its
    enterprise and the chosen school; the rights and staff roles come along as two aggregated
    subqueries: one statement. Each process remembers the answer per login until anything it was
    read from changes (portal/auth/actor_cache.py), so a right withdrawn counts at the next click
    and most requests need no database to know who asks.
    """
    g.user = g.enterprise = g.establishment = g.membership = None
    g.rights = g.staff_roles = frozenset()
    user_id = session.get("user_id")
    if user_id is None or request.blueprint == "health":  # /healthz and /readyz need nobody, not even the database
        return
    sid = session.get("sid")
    enterprise_id = session.get("enterprise_id")
    establishment_id = session.get("establishment_id")
    entry, loaded = _actor_entry(user_id, sid, enterprise_id, establishment_id) if isinstance(sid, str) else (None, None)
    if entry is None:  # logged out (elsewhere, with a copy of this cookie), expired, renewed, or removed
        # The cookie is left as it is, not cleared: a request still under way with the cookie from
        # before a renewal (a change of enterprise) would otherwise answer with an empty cookie that
        # overwrites the new one. A dead session id opens nothing; the next login replaces it.
        g.session_ended = True
        return
    _touch(entry)
    user, membership, enterprise, establishment = loaded or (
        actor_cache.revive(User, entry.user), actor_cache.revive(Membership, entry.membership),
        actor_cache.revive(Enterprise, entry.enterprise), actor_cache.revive(Establishment, entry.establishment))
    g.user = user
    if user.is_staff:
        g.staff_roles = _split(entry.roles)
    if enterprise_id is None:
        return
    if entry.membership is None:  # membership withdrawn meanwhile
        session.pop("enterprise_id", None)
        session.pop("establishment_id", None)
        return
    g.membership, g.enterprise, g.establishment = membership, enterprise, establishment
    g.rights = _split(entry.held)


def _actor_entry(user_id: int, sid: str, enterprise_id: int | None, establishment_id: int | None):
    """The actor as this process remembers it, or as the database says (then remembered, and
    returned with the objects just loaded)."""
    key = (user_id, digest(sid), enterprise_id, establishment_id)
    entry, generation = actor_cache.lookup(key)
    if entry is not None and _alive(entry.login_created_at, entry.last_seen_at):
        return entry, None
    row = _actor_row(user_id, key[1], enterprise_id, establishment_id)
    if row is None:
        return None, None
    user, login_id, created_at, last_seen_at, membership, enterprise, establishment, held, roles = row
    entry = actor_cache.Entry(
        generation=generation, stored_at=time.monotonic(), login_id=login_id, login_created_at=created_at,
        last_seen_at=last_seen_at, user=actor_cache.values(user), membership=actor_cache.values(membership),
        enterprise=actor_cache.values(enterprise), establishment=actor_cache.values(establishment), held=held,
        roles=roles)
    if generation is not None:
        actor_cache.remember(key, entry)
    return entry, (user, membership, enterprise, establishment)


def _alive(created_at, last_seen_at) -> bool:
    now = utcnow()
    return created_at > now - SESSION_LIFETIME and last_seen_at > now - idle_timeout()


def _actor_row(user_id: int, login_id: str, enterprise_id: int | None, establishment_id: int | None):
    now = utcnow()
    return db.session.execute(_actor_statement(), {
        "user_id": user_id, "login_id": login_id, "enterprise_id": enterprise_id,
        "establishment_id": establishment_id, "begun_after": now - SESSION_LIFETIME,
        "seen_after": now - idle_timeout()}).first()


@cache
def _actor_statement():
    """Built once: the statement is the same for every request, only its parameters change (building
    it cost about as much as the database takes to answer it)."""
    held = (db.select(db.func.aggregate_strings(MeasureRight.measure, ","))
            .where(MeasureRight.user_id == User.id, MeasureRight.enterprise_id == Membership.enterprise_id)
            .scalar_subquery())
    roles = (db.select(db.func.aggregate_strings(StaffRole.role, ",")).where(StaffRole.user_id == User.id)
             .scalar_subquery())
    return (db.select(User, LoginSession.id, LoginSession.created_at, LoginSession.last_seen_at, Membership,
                      Enterprise, Establishment, held, roles)
            .join(LoginSession, LoginSession.user_id == User.id)
            .outerjoin(Membership, db.and_(Membership.user_id == User.id,
                                           Membership.enterprise_id == db.bindparam("enterprise_id")))
            .outerjoin(Enterprise, Enterprise.id == Membership.enterprise_id)
            .outerjoin(Establishment, db.and_(Establishment.id == db.bindparam("establishment_id"),
                                              Establishment.enterprise_id == Membership.enterprise_id))
            .where(User.id == db.bindparam("user_id"), LoginSession.id == db.bindparam("login_id"),
                   LoginSession.created_at > db.bindparam("begun_after"),
                   LoginSession.last_seen_at > db.bindparam("seen_after")))


def _split(joined: str | None) -> frozenset[str]:
    return frozenset(joined.split(",")) if joined else frozenset()


def _touch(entry) -> None:
    """A login ends at logout, 12 hours after it began, or after SESSION_IDLE_MINUTES without a
    request; the last request is written down at most every TOUCH_EVERY, on a connection of its own
    (the request's session and the objects in it are left alone) and outside the actor's generation
    (portal/auth/actor_cache.py: a remembered actor stays good)."""
    now = utcnow()
    if _is_activity() and entry.last_seen_at < now - TOUCH_EVERY:
        with db.engine.begin() as connection:
            connection.execute(db.update(LoginSession).where(LoginSession.id == entry.login_id)
                               .values(last_seen_at=now).execution_options(**{actor_cache.NEUTRAL: True}))
        entry.last_seen_at = now
    g.session_ends_at = entry.last_seen_at + idle_timeout()


# The row's last request is written at most this often (a write per request is not needed for a
# timeout counted in minutes); so the session may end up to this much earlier than shown.
TOUCH_EVERY = timedelta(seconds=20)


def idle_timeout() -> timedelta:
    return timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])


def _is_activity() -> bool:
    """A request the user made: not an htmx poll of part of a page (a boosted link or a form is)."""
    if request.headers.get("HX-Request") and not request.headers.get("HX-Boosted"):
        return request.method != "GET"
    return True


def _open_login_session(user: User) -> str:
    """Record a new login and return the random id its cookie carries; logins past their lifetime
    are removed on the way, so the table holds only live ones."""
    db.session.execute(db.delete(LoginSession).where(  # expired ones: a remembered actor would be found expired too
        (LoginSession.created_at <= utcnow() - SESSION_LIFETIME) | (LoginSession.last_seen_at <= utcnow() - idle_timeout())
    ).execution_options(**{actor_cache.NEUTRAL: True}))
    sid = new_token()
    db.session.add(LoginSession(id=digest(sid), user_id=user.id))
    db.session.commit()
    return sid


def _renew_session() -> None:
    """A new server-side session and CSRF token for the same login (at a change of enterprise):
    the cookie from before no longer works, and neither does a token seen before."""
    old = session.get("sid")
    kept = {key: session[key] for key in ("user_id", "enterprise_id", "establishment_id") if key in session}
    session.clear()
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    session.update(kept)
    if isinstance(old, str):
        db.session.execute(db.delete(LoginSession).where(LoginSession.id == digest(old)))
    session["sid"] = _open_login_session(g.user)


def end_session() -> None:
    """Log out: the session's row is deleted, so a copy of the cookie no longer logs anyone in."""
    sid = session.get("sid")
    if isinstance(sid, str):
        db.session.execute(db.delete(LoginSession).where(LoginSession.id == digest(sid)))
        db.session.commit()
    session.clear()


def actor_context() -> dict:
    return {
        "session_ends_at": g.get("session_ends_at"),
        "staff_roles": g.get("staff_roles", frozenset()),
        "user": g.get("user"),
        "enterprise": g.get("enterprise"),
        "establishment": g.get("establishment"),
        "is_local_admin": bool(g.get("membership") and g.membership.is_local_admin),
    }


def sign_in(identity: Identity) -> User:
    """Start a session for the user behind an identity; OIDC users are created on first login."""
    user = db.session.scalar(db.select(User).filter_by(subject=identity.subject))
    if user is None:
        user = User(subject=identity.subject, name=identity.name, email=identity.email,
                    national_number=identity.national_number)
        db.session.add(user)
        db.session.commit()
    if identity.enterprise_number and identity.rights is not None:
        _apply_claims(user, identity)
    # A new session: nothing of the one before login survives (no fixation), flask-wtf's CSRF
    # token included, so a token seen before login is worthless after it.
    session.clear()
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    session.permanent = False
    session["user_id"] = user.id
    session["sid"] = _open_login_session(user)
    memberships = memberships_of(user)
    if identity.enterprise_number:
        memberships = [m for m in memberships if m.enterprise.number == identity.enterprise_number]
    if len(memberships) == 1:
        session["enterprise_id"] = memberships[0].enterprise_id
    return user


def _apply_claims(user: User, identity: Identity) -> None:
    """The identity provider says for which enterprise the user acts and which rights they hold
    there (ACM/IDM): the membership and the rights per measure follow it at every login, each
    change of a right recorded in the audit trail."""
    enterprise = db.session.scalar(db.select(Enterprise).filter_by(number=identity.enterprise_number))
    if enterprise is None:
        if not identity.enterprise_name:
            return
        enterprise = Enterprise(number=identity.enterprise_number, name=identity.enterprise_name)
        db.session.add(enterprise)
        db.session.flush()
    if db.session.get(Membership, (user.id, enterprise.id)) is None:
        db.session.add(Membership(user_id=user.id, enterprise_id=enterprise.id))
    held = {right.measure: right for right in db.session.scalars(
        db.select(MeasureRight).filter_by(user_id=user.id, enterprise_id=enterprise.id))}
    for code in identity.rights - held.keys():
        db.session.add(MeasureRight(user_id=user.id, enterprise_id=enterprise.id, measure=code))
        _audit("recht_toegekend", user, enterprise, code)
    for code in held.keys() - identity.rights:
        db.session.delete(held[code])
        _audit("recht_ingetrokken", user, enterprise, code)
    db.session.commit()


def _audit(action: str, user: User, enterprise: Enterprise, code: str) -> None:
    db.session.add(AuditEvent(action=action, actor_id=None, actor_name="Vlaamse overheid (ACM/IDM)",
                              enterprise_id=enterprise.id,
                              detail=f"{user.name}: {_title(code)} voor {enterprise.name}, bij het aanmelden"))


def _title(code: str) -> str:
    measure = get_measure(code)
    return measure.title if measure else code


def memberships_of(user: User) -> list[Membership]:
    return list(
        db.session.scalars(
            db.select(Membership).join(Enterprise).filter(Membership.user_id == user.id).order_by(Enterprise.name)
        )
    )


def act_for(enterprise_id: int) -> bool:
    if db.session.get(Membership, (g.user.id, enterprise_id)) is None:
        return False
    session["enterprise_id"] = enterprise_id
    session.pop("establishment_id", None)
    _renew_session()
    return True


def choose_school(establishment_id: int) -> bool:
    school = db.session.scalar(
        db.select(Establishment).filter_by(id=establishment_id, enterprise_id=g.enterprise.id, is_school=True)
    )
    if school is None:
        return False
    session["establishment_id"] = school.id
    return True


def landing_url() -> str:
    """Where a logged-in user belongs next: staff area, enterprise choice, school choice or tiles."""
    if g.user.is_staff and not session.get("enterprise_id"):
        return url_for("staff.home")
    if g.enterprise is None:
        return url_for("auth.choose_enterprise")
    if g.enterprise.is_school_group and g.establishment is None:
        return url_for("auth.choose_school")
    return url_for("tiles.start")


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if g.user is None:
            ended = {"sessie": "afgelopen"} if g.get("session_ended") else {}
            return redirect(url_for("auth.login", volgende=request.full_path.rstrip("?"), **ended))
        return view(*args, **kwargs)

    return wrapped


def enterprise_required(view):
    """The user acts for an enterprise (and, for a school group, for one of its schools)."""

    @login_required
    @wraps(view)
    def wrapped(*args, **kwargs):
        if g.enterprise is None:
            if g.user.is_staff:
                abort(403)
            return redirect(url_for("auth.choose_enterprise", volgende=request.full_path.rstrip("?")))
        if g.enterprise.is_school_group and g.establishment is None:
            return redirect(url_for("auth.choose_school", volgende=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped


def staff_required(view):
    @login_required
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not g.user.is_staff:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def local_admin_required(view):
    @enterprise_required
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not g.membership.is_local_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def require_measure_right(code: str):
    """Abort with 404 for an unknown measure, 403 with the way to obtain the right for a missing one."""
    measure = get_measure(code)
    if measure is None:
        abort(404)
    if not rights.may_apply(set(g.rights), code):
        abort(403, description=rights.how_to_obtain(measure))
    return measure
