"""Tiles per measure (seed 003_cf4b65171622c691.txt, stap 2; seeds 000 and 002 for the VOP right)."""


def test_tile_without_right_is_lighter_not_a_link_and_explains(client, auth, make):
    bakery = make.enterprise()
    make.user("els", enterprise=bakery, rights=("vop",))
    auth.login("els")
    page = client.get("/aanvraag").get_data(as_text=True)
    assert 'href="/aanvraag/vop"' in page
    assert 'href="/aanvraag/im"' not in page
    assert "tile-disabled" in page
    assert "DWSE Organisatieverantwoordelijke" in page


def test_typed_url_of_a_measure_without_right_is_refused_with_the_way_to_obtain_it(client, auth, make):
    bakery = make.enterprise()
    make.user("els", enterprise=bakery, rights=("vop",))
    auth.login("els")
    response = client.get("/aanvraag/im")
    assert response.status_code == 403
    assert "lokale beheerder" in response.get_data(as_text=True)
    assert client.get("/aanvraag/vop").status_code == 200


def test_unknown_measure_is_not_found(client, auth, make):
    bakery = make.enterprise()
    make.user("els", enterprise=bakery, rights=("vop", "im"))
    auth.login("els")
    assert client.get("/aanvraag/lde").status_code == 404


def test_right_for_one_enterprise_does_not_open_the_tile_for_another(client, auth, make):
    from portal.extensions import db
    from portal.models import Membership

    bakery = make.enterprise()
    cleaners = make.enterprise("Schoonmaak", "0876543270")
    els = make.user("els", enterprise=bakery, rights=("im",))
    db.session.add(Membership(user_id=els.id, enterprise_id=cleaners.id))
    db.session.commit()
    auth.login("els")
    auth.act_for(cleaners)
    assert client.get("/aanvraag/im").status_code == 403
