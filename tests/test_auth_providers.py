"""The authentication seam: an OpenID Connect login (ACM/IDM claims) ends as the same Identity."""

from flask import session

from portal.auth.providers import Identity, identity_from_claims
from portal.auth.actor import sign_in
from portal.extensions import db
from portal.models import Membership, User


def test_acm_idm_claims_map_to_an_identity():
    claims = {"sub": "abc-123", "given_name": "Els", "family_name": "Peeters", "rrn": "85073003328",
              "vo_orgcode": "0403170701", "vo_orgnaam": "Bakkerij Peeters NV", "email": "els@bakkerij.be"}
    assert identity_from_claims(claims) == Identity(
        subject="abc-123", name="Els Peeters", email="els@bakkerij.be",
        national_number="85073003328", enterprise_number="0403170701", enterprise_name="Bakkerij Peeters NV",
    )


def test_name_falls_back_to_the_subject():
    assert identity_from_claims({"sub": "x"}).name == "x"


def test_first_oidc_login_creates_the_user_and_acts_for_the_enterprise_of_the_token(app, make):
    bakery = make.enterprise("Bakkerij Peeters NV", "0403170701")
    cleaners = make.enterprise("Schoonmaak", "0876543270")
    with app.test_request_context():
        user = sign_in(Identity(subject="abc-123", name="Els Peeters", enterprise_number="0403170701"))
        assert db.session.scalar(db.select(User).filter_by(subject="abc-123")).id == user.id
        assert "enterprise_id" not in session  # no membership yet: nothing to act for
    for enterprise in (bakery, cleaners):
        db.session.add(Membership(user_id=user.id, enterprise_id=enterprise.id))
    db.session.commit()
    with app.test_request_context():
        sign_in(Identity(subject="abc-123", name="Els Peeters", enterprise_number="0876543270"))
        assert session["enterprise_id"] == cleaners.id


def test_rights_come_from_the_configured_claim_for_the_enterprise_of_the_token():
    claims = {"sub": "x", "org": "0403170701", "roles": ["WSELoket-vop:0403170701", "WSELoket-im:0876543270",
                                                       "AnderLoket-im", "WSELoket-onbekend", "WSELoket-IM"]}
    identity = identity_from_claims(claims, {"enterprise": "org", "rights": "roles", "rights_prefix": "WSELoket-"})
    assert identity.enterprise_number == "0403170701"
    assert identity.rights == frozenset({"vop", "im"})  # im only unscoped; another enterprise's role is not this one's
    assert identity_from_claims({"sub": "x"}).rights is None  # no rights claim configured: the portal's own stand
