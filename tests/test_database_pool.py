"""The pool pings only connections that lay idle (portal/database.py), and a dead one never reaches
a request."""

import os

import pytest
from flask import request
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from portal import database
from portal.extensions import db


@pytest.fixture
def pings(app, monkeypatch):
    counted = []
    ping = db.engine.dialect.do_ping
    monkeypatch.setattr(db.engine.dialect, "do_ping", lambda connection: counted.append(1) or ping(connection))
    return counted


def use_the_database_once():
    db.session.execute(db.text("SELECT 1"))
    db.session.remove()  # the connection goes back to the pool, as at the end of a request


def test_a_connection_handed_back_a_moment_ago_is_not_pinged(app, pings, monkeypatch):
    monkeypatch.setattr(database, "PING_AFTER_IDLE", 3600)
    use_the_database_once()
    use_the_database_once()
    assert pings == []


def test_a_connection_that_lay_idle_is_pinged_before_use(app, pings, monkeypatch):
    use_the_database_once()
    monkeypatch.setattr(database, "PING_AFTER_IDLE", -1)  # every connection counts as idle too long
    use_the_database_once()
    assert pings == [1]


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgresql"),
                    reason="a server connection to end: PostgreSQL only")
def test_a_connection_the_server_ended_while_idle_is_replaced_before_the_request_gets_it(app, monkeypatch):
    pid = db.session.scalar(db.text("SELECT pg_backend_pid()"))
    db.session.remove()
    other = create_engine(db.engine.url, poolclass=NullPool)  # not the pool's: its connection stays idle there
    with other.begin() as connection:
        connection.execute(db.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    other.dispose()
    monkeypatch.setattr(database, "PING_AFTER_IDLE", -1)
    assert db.session.scalar(db.text("SELECT pg_backend_pid()")) != pid


def test_a_page_that_only_reads_runs_without_a_transaction_and_may_not_write(app):
    """portal/database.py's reads_only: no BEGIN and no ROLLBACK for a GET; a write is refused, not
    committed statement by statement."""
    seen = {}

    @app.route("/proef-alleen-lezen", methods=["GET", "POST"])
    @database.reads_only
    def reads():
        seen[request.method] = db.session.connection().get_execution_options().get("isolation_level")
        if request.args.get("schrijf"):
            db.session.execute(db.text("UPDATE enterprise SET name = name"))
        return "ok"

    client = app.test_client()
    assert client.get("/proef-alleen-lezen").status_code == 200
    assert client.post("/proef-alleen-lezen").status_code == 200
    assert seen == {"GET": "AUTOCOMMIT", "POST": None}
    db.session.remove()  # as at the end of the POST's request (the tests keep one app context)
    with pytest.raises(RuntimeError, match="alleen leest"):
        client.get("/proef-alleen-lezen?schrijf=1")
