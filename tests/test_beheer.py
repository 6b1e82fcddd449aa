"""The lokale beheerder grants and withdraws the right per measure (seed 002_d614cd7cf29eebab.txt)."""

from portal.extensions import db
from portal.models import MeasureRight, OutboxMessage


def test_local_admin_grants_a_right_and_an_email_is_queued(client, auth, make):
    bakery = make.enterprise()
    make.user("els", enterprise=bakery, rights=("im",), admin=True)
    tom = make.user("tom", enterprise=bakery)
    auth.login("els")
    response = client.post(f"/beheer/gebruikers/{tom.id}/im", data={"action": "toekennen"})
    assert response.status_code == 303
    assert db.session.scalar(db.select(MeasureRight).filter_by(user_id=tom.id, measure="im"))
    message = db.session.scalar(db.select(OutboxMessage))
    assert message.recipient == "tom@example.test"
    assert "Individueel maatwerk" in message.subject
    # Granting again changes nothing and sends nothing.
    client.post(f"/beheer/gebruikers/{tom.id}/im", data={"action": "toekennen"})
    assert db.session.query(OutboxMessage).count() == 1


def test_local_admin_withdraws_a_right(client, auth, make):
    bakery = make.enterprise()
    make.user("els", enterprise=bakery, admin=True)
    tom = make.user("tom", enterprise=bakery, rights=("vop",))
    auth.login("els")
    client.post(f"/beheer/gebruikers/{tom.id}/vop", data={"action": "intrekken"})
    assert db.session.scalar(db.select(MeasureRight).filter_by(user_id=tom.id)) is None


def test_a_user_who_is_not_local_admin_gets_403(client, auth, make):
    bakery = make.enterprise()
    make.user("tom", enterprise=bakery, rights=("vop", "im"))
    els = make.user("els", enterprise=bakery)
    auth.login("tom")
    assert client.get("/beheer/gebruikers").status_code == 403
    assert client.post(f"/beheer/gebruikers/{els.id}/im", data={"action": "toekennen"}).status_code == 403


def test_admin_cannot_touch_users_of_another_enterprise(client, auth, make):
    bakery = make.enterprise()
    cleaners = make.enterprise("Schoonmaak", "0876543270")
    make.user("els", enterprise=bakery, admin=True)
    stranger = make.user("marc", enterprise=cleaners)
    auth.login("els")
    response = client.post(f"/beheer/gebruikers/{stranger.id}/im", data={"action": "toekennen"})
    assert response.status_code == 404
    assert db.session.scalar(db.select(MeasureRight).filter_by(user_id=stranger.id)) is None
    assert "marc".title() not in client.get("/beheer/gebruikers").get_data(as_text=True)


def test_unknown_action_is_refused(client, auth, make):
    bakery = make.enterprise()
    make.user("els", enterprise=bakery, admin=True)
    tom = make.user("tom", enterprise=bakery)
    auth.login("els")
    assert client.post(f"/beheer/gebruikers/{tom.id}/im", data={"action": "alles"}).status_code == 400
