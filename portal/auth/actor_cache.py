"""The actor remembered between requests in each web process, and forgotten the moment it may be wrong.

Loading who asks (user, login, membership, enterprise, school, rights, staff roles) was half of
what a page cost (issue 15): one statement, but a pool checkout, a ping, a round trip and a
rollback. A process keeps the answer per login, and uses it only while nothing it depends on can
have changed:

- Every write to the tables the actor is read from (users, logins, memberships, rights, staff
  roles, enterprises, establishments) changes one value in Redis, the generation, once before the
  transaction commits and once after it. A remembered actor is used only if it was loaded under
  the current generation. So a right withdrawn, a role given, a logout on another device or a
  renamed enterprise counts at the next click in every process, as before. The generation is a
  random token, not a counter, so Redis restarted empty cannot hand out an old value again.
- Each process knows the current generation without asking Redis at every request (that round
  trip was a third of what the tile page cost under load): it keeps one connection on which Redis
  itself announces every change of the key (client-side caching, `CLIENT TRACKING ... BCAST`).
  A request only looks whether anything arrived on that connection, which costs no round trip;
  anything that did (an announcement, or the connection closing) makes the process read the
  value again. The process that writes reads it again at once, without waiting for the
  announcement. The value is also read again at least every VERIFY_EVERY, so a connection that
  died silently is found out within that time (see GenerationWatch).
- Writes that cannot make a remembered actor wrong do not change it: a new login (its id is new)
  and logins removed because they had expired (a remembered one would be found expired too).
  Recording the user's last request writes outside the generation as well; the idle timeout is
  then checked against the remembered moment, and a login that looks expired is read again from
  the database, which decides.
- Redis unreachable: nothing is remembered or used, every request loads the actor as before; a
  request whose write cannot change the generation fails before it commits (the 503 page), so a
  process cannot use an old entry when Redis is back. Outside a request (jobs, commands) the
  write goes on with a warning. An entry is also never used
  after MAX_AGE, whatever happens.

What is remembered are column values, not ORM objects; each request gets its own objects, attached
to its session without a query, so they behave as loaded ones.
"""

import logging
import os
import re
import secrets
import threading
import time
from collections import OrderedDict
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from flask import current_app, has_app_context, has_request_context
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.base import instance_state

from portal.extensions import db

log = logging.getLogger(__name__)

GENERATION_KEY = "loket:actor-generation"
WATCHED = frozenset({"user_account", "login_session", "membership", "measure_right", "staff_role", "enterprise",
                     "establishment"})
# An INSERT into these cannot change an actor already remembered: a new user or login is new.
INSERT_IS_NEUTRAL = frozenset({"user_account", "login_session"})
NEUTRAL = "loket_actor_neutral"  # execution option: this write does not change the generation
MAX_AGE = 300.0  # seconds: an entry is loaded again after this, whatever the generation says
MAX_ENTRIES = 10_000
VERIFY_EVERY = 1.0  # seconds: the generation is read from Redis at least this often, announced or not
_lock = threading.Lock()
_WRITE = re.compile(r"^\s*(?:insert\s+into|update|delete\s+from)\s+\"?(\w+)", re.IGNORECASE)


@dataclass
class Entry:
    generation: bytes
    stored_at: float  # time.monotonic()
    login_id: str
    login_created_at: datetime
    last_seen_at: datetime
    user: dict
    membership: dict | None
    enterprise: dict | None
    establishment: dict | None
    held: str | None
    roles: str | None


def init_app(app) -> None:
    app.extensions["loket_actor_cache"] = OrderedDict()
    app.extensions["loket_actor_generation"] = GenerationWatch()
    _listen_once()


def lookup(key: tuple) -> tuple[Entry | None, bytes | None]:
    """The remembered entry for this login if it is still good, and the current generation (None
    when Redis does not answer: then nothing may be remembered either)."""
    generation = current_generation()
    if generation is None:
        return None, None
    entries = _entries()
    with _lock:  # the development server answers in threads
        entry = entries.get(key)
        if entry is None or entry.generation != generation or time.monotonic() - entry.stored_at > MAX_AGE:
            return None, generation
        entries.move_to_end(key)
    return entry, generation


def remember(key: tuple, entry: Entry) -> None:
    entries = _entries()
    with _lock:
        entries[key] = entry
        entries.move_to_end(key)
        while len(entries) > MAX_ENTRIES:
            entries.popitem(last=False)


def values(obj) -> dict | None:
    """The column values of a loaded object, to make a fresh one from later."""
    if obj is None:
        return None
    return {column.key: getattr(obj, column.key) for column in db.inspect(type(obj)).column_attrs}


def revive(model, columns: dict | None):
    """An object of the current session with these values, as if loaded, without a query. Made the
    way SQLAlchemy makes a loaded row's object (values into its dict, no attribute events), which
    costs a fraction of the constructor and `merge`."""
    if columns is None:
        return None
    obj = db.inspect(model).class_manager.new_instance()
    obj.__dict__.update(columns)
    make_transient_to_detached(obj)
    if instance_state(obj).key in db.session.identity_map:  # loaded earlier in this request
        return db.session.merge(obj, load=False)
    db.session.add(obj)
    return obj


def current_generation() -> bytes | None:
    try:
        return _watch().current(_redis)
    except Exception:  # noqa: BLE001 - Redis down: the actor is loaded from the database every time
        _warn_now_and_then()
        return None


class GenerationWatch:
    """The generation as Redis last announced it, in one process.

    One connection of its own (RESP3) asks Redis to announce every change of the key on it
    (`CLIENT TRACKING ON BCAST PREFIX`): a SET by any process, the key removed, the database
    flushed. Then `current` costs a look at that connection's buffer and socket, not a round trip.
    Whatever arrived there (an announcement, the connection closed) makes it read the value again;
    so does a change made by this process (`forget`), so the writer does not depend on the
    announcement's timing. It reads again every VERIFY_EVERY as well, and on a connection with a
    timeout: a connection that died without closing is found out within seconds, and until then
    no write to the watched tables can commit in a request without reaching Redis either.

    An error closes the connection and tries once more on a new one (Redis restarted: nobody
    notices); a second error is Redis down for the caller (nothing remembered).
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._connection = None
        self._pid = None
        self._value: bytes | None = None
        self._read_at = float("-inf")

    def current(self, redis_client) -> bytes:
        with self._lock:  # the development server answers in threads
            for last in (False, True):  # a connection Redis closed (a restart): once more, on a new one
                try:
                    return self._current(redis_client)
                except Exception:
                    self._close()
                    if last:
                        raise

    def _current(self, redis_client) -> bytes:
        if self._connection is None or self._pid != os.getpid():  # first use, or a forked child
            self._open(redis_client())
        if (self._value is None or self._connection.can_read(timeout=0)
                or time.monotonic() - self._read_at > VERIFY_EVERY):
            self._read(redis_client)
        return self._value

    def forget(self) -> None:
        """This process changed the generation: read it again at the next request."""
        self._value = None

    def _open(self, client) -> None:
        self._connection = None  # a forked child's copy belongs to its parent: left, not closed
        pool = client.connection_pool
        connection = pool.connection_class(**{**pool.connection_kwargs, "protocol": 3, "socket_timeout": 2.0,
                                              "socket_connect_timeout": 2.0})
        connection.connect()
        connection.send_command("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", GENERATION_KEY)
        if connection.read_response() not in (b"OK", "OK"):
            raise RuntimeError("Redis weigert CLIENT TRACKING")
        self._connection, self._pid, self._value = connection, os.getpid(), None

    def _read(self, redis_client) -> None:
        connection = self._connection
        while connection.can_read(timeout=0):  # announcements not read yet: the value is read below
            connection.read_response(push_request=True)
        connection.send_command("GET", GENERATION_KEY)
        value = connection.read_response()
        if value is None:  # first use, or Redis restarted empty: start a new generation
            redis_client().set(GENERATION_KEY, secrets.token_hex(8), nx=True)
            connection.send_command("GET", GENERATION_KEY)
            value = connection.read_response()
        self._value, self._read_at = value, time.monotonic()

    def close(self) -> None:
        with self._lock:
            self._close()

    def _close(self) -> None:
        connection, self._connection, self._value = self._connection, None, None
        if connection is not None and self._pid == os.getpid():
            try:
                connection.disconnect()
            except Exception:  # noqa: BLE001 - already gone
                pass


_warned_at = [float("-inf")]


def _warn_now_and_then() -> None:
    """Once a minute at most: during an outage every request would say it."""
    if time.monotonic() - _warned_at[0] >= 60:
        _warned_at[0] = time.monotonic()
        log.warning("Redis antwoordt niet: de actor wordt niet onthouden", exc_info=True)


def new_generation() -> None:
    _watch().forget()
    _redis().set(GENERATION_KEY, secrets.token_hex(8))


def _watch() -> GenerationWatch:
    return current_app.extensions["loket_actor_generation"]


def _redis():
    from portal.queue import get_redis

    return get_redis()


def _entries() -> OrderedDict:
    return current_app.extensions["loket_actor_cache"]


# --- Which writes change the generation -----------------------------------------------------------

# None: nothing written; "written": a watched table was written in this transaction, the generation
# not yet changed; "changed": changed before the commit, to change once more after it.
_state: ContextVar[str | None] = ContextVar("loket_actor_writes", default=None)
_listening = False


def _listen_once() -> None:
    global _listening
    if _listening:
        return
    _listening = True
    event.listen(Engine, "after_cursor_execute", _after_cursor_execute)
    event.listen(Session, "after_flush", _before_the_commit)
    event.listen(Session, "before_commit", _before_the_commit)
    event.listen(Session, "after_commit", _after_the_commit)
    event.listen(Session, "after_rollback", _after_the_rollback)


def written_table(context, statement: str) -> str | None:
    """The watched table a statement writes, or None."""
    compiled = context.compiled if context is not None else None
    if compiled is not None and (context.isinsert or context.isupdate or context.isdelete):
        table = getattr(compiled.statement, "table", None)
        name = getattr(table, "name", None)
        if name is None or name not in WATCHED:
            return None
        if context.isinsert and name in INSERT_IS_NEUTRAL:
            return None
        return name
    match = _WRITE.match(statement)  # a textual statement
    if match and match.group(1).lower() in WATCHED:
        return match.group(1).lower()
    return None


def _after_cursor_execute(conn, cursor, statement, parameters, context, executemany):
    if context is not None and context.execution_options.get(NEUTRAL):
        return
    if written_table(context, statement) is not None and _state.get() is None:
        _state.set("written")


def _before_the_commit(session, *args):
    if _state.get() == "written" and has_app_context():
        try:
            new_generation()
        except Exception:
            if has_request_context():  # Redis down: the click fails (503), rather than leave a stale actor behind
                raise
            log.warning("De generatie van de actor kon niet vernieuwd worden", exc_info=True)
        _state.set("changed")


def _after_the_commit(session):
    if _state.get() is not None:
        _state.set(None)
        if has_app_context():
            try:
                new_generation()
            except Exception:  # noqa: BLE001 - changed before the commit already; MAX_AGE bounds the rest
                log.warning("De generatie van de actor kon na de commit niet vernieuwd worden", exc_info=True)


def _after_the_rollback(session):
    _state.set(None)
