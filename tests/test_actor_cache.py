"""The actor remembered between requests (portal/auth/actor_cache.py): used only while nothing it was
read from has changed, in any process; never used when Redis cannot say so."""

from datetime import timedelta

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from portal.auth import actor_cache
from portal.extensions import db
from portal.models import Enterprise, LoginSession, MeasureRight
from tests import support


def remembered(app) -> int:
    return len(app.extensions["loket_actor_cache"])


def actor_statements(app, client, path="/aanvraag") -> int:
    """How many statements the request sent to read the login (the actor's statement joins it)."""
    with support.statements(db.engine) as sent:
        response = client.get(path)
    assert response.status_code in (200, 302, 403)
    return sum(1 for statement in sent if "login_session" in statement and statement.lstrip().upper().startswith("SELECT"))


def test_a_second_request_reads_no_login_from_the_database(app, client, auth, people):
    auth.login("els")
    app.extensions["loket_actor_cache"].clear()  # as another process, new to this login, would find it
    assert actor_statements(app, client) == 1
    assert remembered(app) == 1
    assert actor_statements(app, client) == 0


def test_a_right_withdrawn_counts_at_the_next_click_though_remembered(app, client, auth, people):
    auth.login("els")
    assert client.get("/aanvraag/im").status_code in (200, 302)
    assert actor_statements(app, client) == 0
    db.session.execute(db.delete(MeasureRight).where(MeasureRight.user_id == people.els.id,
                                                     MeasureRight.measure == "im"))
    db.session.commit()
    assert client.get("/aanvraag/im").status_code == 403


def test_a_right_given_counts_at_the_next_click(app, client, auth, make):
    bakery = make.enterprise("Bakkerij Peeters NV", "0403170701")
    els = make.user("els", enterprise=bakery, rights=())
    auth.login("els")
    assert client.get("/aanvraag/im").status_code == 403
    db.session.add(MeasureRight(user_id=els.id, enterprise_id=bakery.id, measure="im"))
    db.session.commit()
    assert client.get("/aanvraag/im").status_code != 403


def test_a_renamed_enterprise_shows_at_the_next_click(app, client, auth, people):
    auth.login("els")
    assert "Bakkerij Peeters NV" in client.get("/aanvraag").get_data(as_text=True)
    db.session.get(Enterprise, people.bakery.id).name = "Bakkerij Peeters & Zonen NV"
    db.session.commit()
    assert "Bakkerij Peeters &amp; Zonen NV" in client.get("/aanvraag").get_data(as_text=True)


def test_a_copied_cookie_remembered_by_the_process_stops_at_logout(app, client, auth, people):
    auth.login("els")
    copied = client.get_cookie("loket_session").value
    thief = app.test_client()
    thief.set_cookie("loket_session", copied)
    assert thief.get("/aanvraag").status_code == 200  # remembered now
    client.post("/afmelden")
    assert thief.get("/aanvraag").status_code == 302


def test_a_change_announced_by_another_process_counts_at_the_next_click(app, client, auth, people, redis_connection):
    """Another process's commit changes the generation in Redis; Redis announces it on this process's
    watching connection, and the next request reads the actor again."""
    auth.login("els")
    assert client.get("/aanvraag/im").status_code != 403
    db.session.execute(db.delete(MeasureRight).where(MeasureRight.user_id == people.els.id, MeasureRight.measure == "im")
                       .execution_options(**{actor_cache.NEUTRAL: True}))  # as if written by another process
    db.session.commit()
    assert client.get("/aanvraag/im").status_code != 403  # remembered: nothing was announced yet
    redis_connection.set(actor_cache.GENERATION_KEY, "van-een-ander-proces")
    assert client.get("/aanvraag/im").status_code == 403


def generation_reads(monkeypatch) -> list:
    """From now on, one item each time a process reads the generation from Redis."""
    asked = []
    read = actor_cache.GenerationWatch._read
    monkeypatch.setattr(actor_cache.GenerationWatch, "_read", lambda self, *a: asked.append(1) or read(self, *a))
    return asked


def test_a_request_asks_redis_nothing_while_nothing_is_announced(app, client, auth, people, monkeypatch):
    auth.login("els")
    client.get("/aanvraag")
    monkeypatch.setattr(actor_cache, "VERIFY_EVERY", 3600)
    asked = generation_reads(monkeypatch)
    for _ in range(3):
        assert client.get("/aanvraag").status_code == 200
    assert asked == []


def test_the_generation_is_read_again_after_verify_every(app, client, auth, people, monkeypatch):
    """A watching connection that died without closing would announce nothing: the value is read
    from Redis again at least every VERIFY_EVERY, announced or not."""
    auth.login("els")
    client.get("/aanvraag")
    monkeypatch.setattr(actor_cache, "VERIFY_EVERY", 0)
    asked = generation_reads(monkeypatch)
    client.get("/aanvraag")
    assert asked == [1]


def test_a_textual_write_changes_the_generation_too(app, client, auth, people):
    auth.login("els")
    client.get("/aanvraag")
    before = actor_cache.current_generation()
    db.session.execute(db.text("DELETE FROM login_session"))
    db.session.commit()
    assert actor_cache.current_generation() != before
    assert client.get("/aanvraag").status_code == 302


def test_recording_the_last_request_keeps_the_generation(app, client, auth, people, monkeypatch):
    """The last request is written every 20 seconds at most; that write cannot make a remembered
    actor wrong, and changing the generation for it would make every process read again."""
    from portal.auth import actor

    auth.login("els")
    client.get("/aanvraag")
    before = actor_cache.current_generation()
    later = actor.utcnow() + timedelta(seconds=30)
    monkeypatch.setattr(actor, "utcnow", lambda: later)
    assert client.get("/aanvraag").status_code == 200
    row = db.session.scalars(db.select(LoginSession)).one()
    db.session.refresh(row)
    assert row.last_seen_at == later
    assert actor_cache.current_generation() == before


def test_redis_restarted_empty_forgets_every_remembered_actor(app, client, auth, people, redis_connection):
    auth.login("els")
    client.get("/aanvraag")
    redis_connection.flushdb()
    assert actor_statements(app, client) == 1


def test_an_old_entry_is_read_again_whatever_the_generation(app, client, auth, people, monkeypatch):
    auth.login("els")
    client.get("/aanvraag")
    entry = next(iter(app.extensions["loket_actor_cache"].values()))
    entry.stored_at -= actor_cache.MAX_AGE + 1
    assert actor_statements(app, client) == 1


@pytest.fixture
def redis_down(monkeypatch):
    def unreachable():
        raise RedisConnectionError("Redis is weg")

    monkeypatch.setattr(actor_cache, "_redis", unreachable)


def test_without_redis_every_request_reads_the_actor(app, client, auth, people, redis_down):
    auth.login("els")
    assert actor_statements(app, client) == 1
    assert actor_statements(app, client) == 1
    assert remembered(app) == 0


def test_without_redis_a_logout_fails_rather_than_leave_a_remembered_login(app, client, auth, people, monkeypatch):
    """Another process may still remember the login under the old generation when Redis is back:
    the logout is refused with the 503 page and tried again later, not half done."""
    auth.login("els")
    client.get("/aanvraag")

    def unreachable():
        raise RedisConnectionError("Redis is weg")

    monkeypatch.setattr(actor_cache, "new_generation", unreachable)
    response = client.post("/afmelden")
    assert response.status_code == 503
    assert "Het loket is even niet beschikbaar" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(LoginSession)) == 1


def test_which_statements_write_the_actor():
    class Context:
        compiled = None

    assert actor_cache.written_table(Context(), 'UPDATE "membership" SET is_local_admin = 1') == "membership"
    assert actor_cache.written_table(Context(), "delete from measure_right where id = 1") == "measure_right"
    assert actor_cache.written_table(Context(), "INSERT INTO staff_role VALUES (1, 'audit')") == "staff_role"
    assert actor_cache.written_table(Context(), "UPDATE dossier SET status = 'x'") is None
    assert actor_cache.written_table(Context(), "SELECT * FROM membership") is None


def test_a_process_remembers_at_most_max_entries_logins(app, monkeypatch):
    monkeypatch.setattr(actor_cache, "MAX_ENTRIES", 2)
    generation = actor_cache.current_generation()
    for login in ("a", "b", "c"):
        actor_cache.remember((1, login, None, None), actor_cache.Entry(
            generation, 0.0, login, None, None, {}, None, None, None, None, None))
    assert [key[1] for key in app.extensions["loket_actor_cache"]] == ["b", "c"]


def test_a_watching_connection_redis_closed_is_opened_again_unnoticed(app, client, auth, people, redis_connection):
    """Redis restarted (here: Redis closes the process's watching connection): the next request opens
    a new one and still uses what it remembers, without a warning."""
    auth.login("els")
    client.get("/aanvraag")
    watching = app.extensions["loket_actor_generation"]._connection
    watching.send_command("CLIENT", "ID")
    redis_connection.client_kill_filter(_id=watching.read_response())
    assert actor_statements(app, client) == 0
