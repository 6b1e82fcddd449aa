"""Login, enterprise and school choice, and who may enter which area."""

import pytest


@pytest.fixture
def bakery(make):
    return make.enterprise("Bakkerij Peeters NV", "0403170701")


@pytest.fixture
def cleaners(make):
    return make.enterprise("Schoonmaak Vandenbroucke BV", "0876543270")


def test_wrong_password_is_refused_in_dutch_and_keeps_the_login(client, auth, make, bakery):
    make.user("els", enterprise=bakery)
    response = auth.login("els", "fout")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet." in page
    assert 'value="els"' in page


def test_empty_login_gets_field_messages(client):
    response = client.post("/aanmelden", data={})
    assert response.status_code == 422
    assert "Vul uw gebruikersnaam in." in response.get_data(as_text=True)


def test_single_enterprise_lands_on_the_tiles(auth, make, bakery):
    make.user("els", enterprise=bakery, rights=("im",))
    response = auth.login("els")
    assert response.status_code == 303
    assert response.headers["Location"] == "/aanvraag"


def test_several_enterprises_choose_one_shown_with_number_and_name(client, auth, make, bakery, cleaners):
    make.user("els", enterprise=bakery, rights=("im",))
    from portal.extensions import db
    from portal.models import Membership, User

    els = db.session.scalar(db.select(User).filter_by(subject="els"))
    db.session.add(Membership(user_id=els.id, enterprise_id=cleaners.id))
    db.session.commit()
    assert auth.login("els").headers["Location"] == "/onderneming"
    page = client.get("/onderneming").get_data(as_text=True)
    assert "0403.170.701 – Bakkerij Peeters NV" in page
    assert "0876.543.270 – Schoonmaak Vandenbroucke BV" in page
    assert auth.act_for(cleaners).headers["Location"] == "/aanvraag"
    assert "Schoonmaak Vandenbroucke BV" in client.get("/aanvraag").get_data(as_text=True)


def test_cannot_act_for_an_enterprise_without_membership(client, auth, make, bakery, cleaners):
    make.user("els", enterprise=bakery)
    auth.login("els")
    response = auth.act_for(cleaners)
    assert response.status_code == 422
    page = client.get("/aanvraag").get_data(as_text=True)
    assert "Bakkerij Peeters NV" in page and "Vandenbroucke" not in page


def test_school_group_user_chooses_a_school(client, auth, make):
    group = make.enterprise("Scholengroep Rivierenland", "0812345603", kind="scholengroep",
                            schools=("GO! Atheneum Mechelen", "GO! Basisschool De Linde"))
    make.user("karin", enterprise=group, rights=("im",))
    assert auth.login("karin").headers["Location"] == "/school"
    assert client.get("/aanvraag").headers["Location"] == "/school?volgende=/aanvraag"
    school = group.establishments[1]
    response = client.post("/school", data={"school": school.id})
    assert response.headers["Location"] == "/aanvraag"
    assert "GO! Basisschool De Linde" in client.get("/aanvraag").get_data(as_text=True)


def test_school_of_another_group_cannot_be_chosen(client, auth, make):
    group = make.enterprise("Scholengroep A", "0812345603", kind="scholengroep", schools=("School A",))
    other = make.enterprise("Scholengroep B", "0876543270", kind="scholengroep", schools=("School B",))
    make.user("karin", enterprise=group)
    auth.login("karin")
    response = client.post("/school", data={"school": other.establishments[0].id})
    assert response.status_code == 422


@pytest.mark.parametrize("path", ["/aanvraag", "/backoffice/", "/backoffice/e-mails", "/beheer/gebruikers", "/onderneming"])
def test_logged_out_users_get_the_login_page(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/aanmelden?volgende=")


def test_login_returns_to_the_page_asked_for(auth, make, bakery):
    make.user("els", enterprise=bakery, rights=("im",))
    assert auth.login("els", volgende="/aanvraag/im").headers["Location"] == "/aanvraag/im"


def test_login_never_redirects_off_site(auth, make, bakery):
    make.user("els", enterprise=bakery)
    assert auth.login("els", volgende="//evil.example/").headers["Location"] == "/aanvraag"


@pytest.mark.parametrize("path", ["/backoffice/", "/backoffice/e-mails", "/backoffice/mailbox"])
def test_employer_gets_403_in_the_staff_area(client, auth, make, bakery, path):
    make.user("els", enterprise=bakery, rights=("im", "vop"))
    auth.login("els")
    assert client.get(path).status_code == 403


def test_staff_land_in_the_back_office(client, auth, make):
    make.user("sofie", staff=True)
    assert auth.login("sofie").headers["Location"] == "/backoffice/"
    assert client.get("/backoffice/").status_code == 200


def test_logout_is_a_post_and_ends_the_session(client, auth, make, bakery):
    make.user("els", enterprise=bakery)
    auth.login("els")
    assert client.get("/afmelden").status_code == 405
    client.post("/afmelden")
    assert client.get("/aanvraag").status_code == 302


def test_security_headers(client):
    response = client.get("/aanmelden")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
