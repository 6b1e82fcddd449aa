"""Sessions: renewed at a change of enterprise (no fixation, a new CSRF token), an idle timeout the
page announces, and logout ending the session on the server (tests/test_security_probe.py)."""

import re
from datetime import timedelta

import pytest

from portal.extensions import db
from portal.models import LoginSession, Membership
from tests import support


@pytest.fixture
def two_enterprises(make):
    bakery = make.enterprise("Bakkerij Peeters NV", "0403170701")
    cleaning = make.enterprise("Schoonmaak Vandenbroucke BV", "0876543270")
    user = make.user("els", enterprise=bakery, rights=("im",))
    db.session.add(Membership(user_id=user.id, enterprise_id=cleaning.id))
    db.session.commit()
    return bakery, cleaning


def test_a_change_of_enterprise_renews_the_session(app, client, auth, two_enterprises):
    bakery, cleaning = two_enterprises
    auth.login("els")
    auth.act_for(bakery)
    copied = client.get_cookie("loket_session").value
    with client.session_transaction() as before:
        sid = before["sid"]
    assert auth.act_for(cleaning).status_code == 303
    with client.session_transaction() as after:
        assert after["sid"] != sid and after["enterprise_id"] == cleaning.id
    assert db.session.scalar(db.select(db.func.count()).select_from(LoginSession)) == 1
    assert client.get("/aanvraag").status_code == 200
    thief = app.test_client()
    thief.set_cookie("loket_session", copied)
    stale = thief.get("/aanvraag")
    assert stale.status_code == 302  # the cookie from before the change no longer works
    # and the answer to it does not clear the cookie: a request under way during the change would
    # otherwise overwrite the renewed cookie and log the user out
    assert "Set-Cookie" not in stale.headers


def test_a_change_of_enterprise_gives_a_new_csrf_token(csrf_client, two_enterprises):
    bakery, cleaning = two_enterprises
    token = support.csrf_token(csrf_client.get("/aanmelden").get_data(as_text=True))
    csrf_client.post("/aanmelden", data={"login": "els", "password": "geheim", "csrf_token": token})
    before = support.csrf_token(csrf_client.get("/onderneming").get_data(as_text=True))
    response = csrf_client.post("/onderneming", data={"enterprise": cleaning.id, "csrf_token": before})
    assert response.status_code == 303
    after = support.csrf_token(csrf_client.get("/aanvraag").get_data(as_text=True))
    assert after != before
    assert csrf_client.post("/afmelden", data={"csrf_token": before}).status_code == 400
    assert csrf_client.post("/afmelden", data={"csrf_token": after}).status_code == 303


def _idle(minutes):
    row = db.session.scalars(db.select(LoginSession)).one()
    row.last_seen_at -= timedelta(minutes=minutes)
    db.session.commit()


def test_every_page_says_when_the_session_ends(client, auth, people):
    auth.login("els")
    page = client.get("/aanvraag").get_data(as_text=True)
    assert re.search(r"Uw sessie loopt af om <time>\d\d:\d\d</time> als u tot dan niets doet", page)
    assert "is al bewaard" in page
    assert 'id="sessie-waarschuwing" role="alert" hidden' in page  # shown by static/js/session.js


def test_after_30_idle_minutes_the_session_has_ended(client, auth, people):
    auth.login("els")
    _idle(31)
    response = client.get("/aanvraag")
    assert response.status_code == 302 and response.headers["Location"].startswith("/aanmelden")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Uw sessie is afgelopen omdat u 30 minuten niets deed" in page
    assert db.session.scalar(db.select(db.func.count()).select_from(LoginSession)) == 1  # kept until the next login
    auth.login("els")
    assert db.session.scalar(db.select(db.func.count()).select_from(LoginSession)) == 1  # the idle one removed


def test_a_request_keeps_the_session_alive_but_a_poll_does_not(app, client, auth, people):
    app.config["SESSION_IDLE_MINUTES"] = 10
    auth.login("els")
    _idle(9)
    assert client.get("/dossiers/", headers={"HX-Request": "true"}).status_code == 200  # a poll
    row = db.session.scalars(db.select(LoginSession)).one()
    db.session.refresh(row)
    assert support.utcnow_minus(row.last_seen_at) >= timedelta(minutes=9)
    assert client.get("/sessie").status_code == 204  # "Aangemeld blijven"
    db.session.refresh(row)
    assert support.utcnow_minus(row.last_seen_at) < timedelta(minutes=1)
    _idle(9)
    assert client.get("/aanvraag").status_code == 200


def test_the_idle_timeout_is_a_setting(app, client, auth, people):
    app.config["SESSION_IDLE_MINUTES"] = 5
    auth.login("els")
    _idle(6)
    assert client.get("/aanvraag").status_code == 302


def test_the_actor_costs_one_query_and_then_none(app, client, auth, make):
    """User, session, enterprise, school, rights per measure and staff roles: one statement when the
    process does not know the login yet, none while nothing it was read from has changed (issue 15:
    three of the four queries of a page were the actor; portal/auth/actor_cache.py)."""
    from flask import g

    from portal.auth import actor_cache
    from portal.auth.actor import load_actor

    group = make.enterprise("Scholengroep Rivierenland", "0207437468", kind="scholengroep",
                            schools=("Basisschool De Linde", "Atheneum Mechelen"))
    karin = make.user("karin", enterprise=group, rights=("im", "vop"), staff=True, roles=("behandelaar", "audit"))
    auth.login("karin")
    auth.act_for(group)
    school = group.establishments[1]
    client.post("/school", data={"school": school.id})
    with client:
        assert client.get("/aanvraag").status_code == 200
        app.extensions["loket_actor_cache"].clear()  # a process that has not seen this login
        with support.statements(db.engine) as sent:
            load_actor()
        assert len(sent) == 1
        db.session.remove()
        with support.statements(db.engine) as sent:
            load_actor()
        assert sent == []
        assert (g.user.id, g.enterprise.id, g.establishment.id) == (karin.id, group.id, school.id)
        assert g.rights == {"im", "vop"} and g.staff_roles == {"behandelaar", "audit"}
        assert g.membership.enterprise_id == group.id
        assert g.user in db.session and g.enterprise.establishments[0].name == "Atheneum Mechelen"  # as if loaded
    assert actor_cache.current_generation() is not None


def test_a_withdrawn_membership_counts_at_the_next_request(client, auth, two_enterprises):
    bakery, _ = two_enterprises
    auth.login("els")
    auth.act_for(bakery)
    assert client.get("/aanvraag").status_code == 200
    db.session.execute(db.delete(Membership).where(Membership.enterprise_id == bakery.id))
    db.session.commit()
    assert client.get("/aanvraag").headers["Location"].startswith("/onderneming")
