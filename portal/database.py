"""How the pool looks after its database connections.

SQLAlchemy's `pool_pre_ping` asks the database "are you there?" at every checkout: one round trip
on every request, which on a busy page was a tenth of its time (issue 15). A connection that was
handed back a moment ago has almost certainly not died since; one that lay idle may have (the
database restarted, a firewall forgot it). So the pool asks only connections idle for longer than
PING_AFTER_IDLE; a connection that does not answer is replaced before the request gets it.

What this gives up: when PostgreSQL restarts while a web process is busy, that process's next
request finds its connection dead and gets the 503 page ("probeer opnieuw"); SQLAlchemy then
throws away every connection of the pool opened before the failure, so one request per process
sees it, not more. A restart during quiet hours is caught by the ping as before.
"""

import re
import time
from functools import wraps

from flask import request
from sqlalchemy import event, exc
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from portal.extensions import db

PING_AFTER_IDLE = 1.0  # seconds
_IDLE_SINCE = "loket_idle_since"


def init_app(app) -> None:
    with app.app_context():
        engine = db.engine
    dialect = engine.dialect

    def idle_from_now(dbapi_connection, record):  # opened, or handed back
        record.info[_IDLE_SINCE] = time.monotonic()

    def checked_out(dbapi_connection, record, proxy):
        if time.monotonic() - record.info.get(_IDLE_SINCE, float("-inf")) <= PING_AFTER_IDLE:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                raise exc.DisconnectionError("de verbinding met de database was verbroken") from error  # the pool retries
            raise

    event.listen(engine, "connect", idle_from_now)
    event.listen(engine, "checkin", idle_from_now)
    event.listen(engine, "checkout", checked_out)


# --- Pages that only read -------------------------------------------------------------------------

READ_ONLY = "loket_read_only"  # execution option of a read-only request's connection
_WRITE = re.compile(r"^\s*(?:insert|update|delete|merge|create|alter|drop|truncate)\b", re.IGNORECASE)


def reads_only(view):
    """A page that only reads runs its statements without a transaction of its own (autocommit): no
    BEGIN and no ROLLBACK, two of the few round trips such a page makes. At READ COMMITTED, which
    PostgreSQL uses, every statement sees the data as committed when it starts, inside a transaction
    as well, so the page reads exactly what it read before. For GET and HEAD only (a form that
    posts to the same URL writes in a transaction as always), and only when the request has not
    used the database already (the actor read from it).

    A write on such a connection is refused with an error, so a page that starts to write must
    drop this decorator rather than write statement by statement without a transaction."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        session = db.session()
        if (request.method not in ("GET", "HEAD") or session.info.get(_CONNECTED)
                or session.new or session.dirty or session.deleted):
            return view(*args, **kwargs)
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT", READ_ONLY: True})
        try:
            return view(*args, **kwargs)
        finally:  # the connection goes back now (nothing after the page may write on it); the
            # objects stay as loaded: the commit writes nothing and, without a transaction, ends none.
            expire, session.expire_on_commit = session.expire_on_commit, False
            try:
                session.commit()
            finally:
                session.expire_on_commit = expire

    return wrapped


def _refuse_writes(conn, cursor, statement, parameters, context, executemany):
    if conn.get_execution_options().get(READ_ONLY) and _WRITE.match(statement):
        raise RuntimeError(f"schrijven in een pagina die alleen leest (@reads_only): {statement[:60]}")


event.listen(Engine, "before_cursor_execute", _refuse_writes)

# Whether the session holds a connection (adding the remembered actor's objects begins its
# transaction, without a connection: that does not count).
_CONNECTED = "loket_connected"


@event.listens_for(Session, "after_begin")
def _connected(session, transaction, connection):
    session.info[_CONNECTED] = True


@event.listens_for(Session, "after_transaction_end")
def _released(session, transaction):
    if transaction.parent is None:
        session.info.pop(_CONNECTED, None)
