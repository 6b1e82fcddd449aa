"""Links in e-mail point at PUBLIC_URL, whoever renders the mail (a job or a staff request), and a
link followed while logged out still lands on the dossier after login and the enterprise choice."""

import pytest

from portal import create_app
from portal.extensions import db
from portal.mail.links import public_url
from portal.models import Membership, OutboxMessage
from tests import dossiers

PUBLIC = "https://loket.example.test/portaal"


@pytest.fixture
def dossier(app, make, run_jobs):
    app.config["PUBLIC_URL"] = PUBLIC + "/"
    bakery = make.enterprise("Bakkerij Peeters NV", "0403170701")
    els = make.user("els", enterprise=bakery, rights=("im",))
    make.user("sofie", staff=True)
    dossiers.reference()
    application = dossiers.submitted(bakery, els)
    run_jobs()
    db.session.refresh(application)
    return application


def _mail(key):
    return db.session.scalar(db.select(OutboxMessage).filter_by(dedupe_key=key))


def test_public_url_follows_the_routes_under_a_path_prefix(app):
    app.config["PUBLIC_URL"] = PUBLIC
    assert public_url("dossiers.show", application_id=7) == f"{PUBLIC}/dossiers/7"
    assert public_url("tiles.start") == f"{PUBLIC}/aanvraag"


def test_information_request_mail_links_to_the_dossier(client, auth, dossier):
    auth.login("sofie")
    client.post(f"/backoffice/dossiers/{dossier.id}/informatie", data={"question": "Bezorg het uurrooster."})
    mail = db.session.scalar(db.select(OutboxMessage).filter(OutboxMessage.dedupe_key.like(f"dossier:{dossier.id}:informatie:%")))
    link = f"{PUBLIC}/dossiers/{dossier.id}"
    assert f"\n{link}\n" in mail.body_text
    assert f'href="{link}"' in mail.body_html
    assert "localhost" not in mail.body_text + mail.body_html


def test_receipt_and_admissibility_mails_link_to_the_dossier(dossier):
    link = f"{PUBLIC}/dossiers/{dossier.id}"
    assert link in _mail(f"dossier:{dossier.id}:ontvangen").body_text
    assert link in _mail(f"dossier:{dossier.id}:ontvankelijkheid").body_html


def test_decision_mail_links_to_the_dossier(dossier):
    from portal.services.dossiers import actions
    from portal.models import User

    sofie = db.session.scalar(db.select(User).filter_by(subject="sofie"))
    actions.refuse(dossier, sofie, "Geen tewerkstelling meer.")
    mail = _mail(f"dossier:{dossier.id}:beslissing")
    assert f"{PUBLIC}/dossiers/{dossier.id}" in mail.body_text and f"{PUBLIC}/dossiers/{dossier.id}" in mail.body_html


def test_link_followed_while_logged_out_survives_login_and_enterprise_choice(client, auth, make, dossier):
    other = make.enterprise("Schoonmaak Vandenbroucke BV", "0876543270")
    db.session.add(Membership(user_id=dossier.created_by_id, enterprise_id=other.id))
    db.session.commit()
    path = f"/dossiers/{dossier.id}"
    login = client.get(path)
    assert login.headers["Location"] == f"/aanmelden?volgende=/dossiers/{dossier.id}"
    assert auth.login("els", volgende=path).headers["Location"] == path
    choice = client.get(path).headers["Location"]
    assert choice == f"/onderneming?volgende=/dossiers/{dossier.id}"
    response = client.post(choice, data={"enterprise": dossier.enterprise_id})
    assert response.status_code == 303 and response.headers["Location"] == path
    assert dossier.number in client.get(path).get_data(as_text=True)


def test_enterprise_choice_ignores_a_foreign_next_url(client, auth, make, dossier):
    other = make.enterprise("Schoonmaak Vandenbroucke BV", "0876543270")
    db.session.add(Membership(user_id=dossier.created_by_id, enterprise_id=other.id))
    db.session.commit()
    auth.login("els")
    response = client.post("/onderneming?volgende=//evil.test/x", data={"enterprise": dossier.enterprise_id})
    assert response.headers["Location"] == "/aanvraag"


def test_production_needs_an_https_public_url(tmp_path):
    settings = {"LOKET_ENV": "production", "SECRET_KEY": "s3cret", "INSTANCE_DIR": str(tmp_path), "AUTH_PROVIDER": "oidc"}
    with pytest.raises(RuntimeError, match="PUBLIC_URL"):
        create_app({**settings, "PUBLIC_URL": ""})
    assert create_app({**settings, "PUBLIC_URL": "https://loket.test"}).config["PUBLIC_URL"] == "https://loket.test"
