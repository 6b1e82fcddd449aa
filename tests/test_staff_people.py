"""Backoffice › Medewerkers: the beheerder of the loket gives staff their roles (issue 16: roles
for staff are separate rights, and every change of rights is recorded)."""

import pytest

from portal.extensions import db
from portal.models import AuditEvent, StaffRole


@pytest.fixture
def staff(make):
    return {"wim": make.user("wim", staff=True, roles=("beheer",)),
            "bart": make.user("bart", staff=True, roles=("berichten",)),
            "sofie": make.user("sofie", staff=True, roles=("behandelaar",))}


def roles_of(user) -> set[str]:
    return set(db.session.scalars(db.select(StaffRole.role).filter_by(user_id=user.id)))


def test_the_beheerder_grants_and_withdraws_roles_and_each_change_is_recorded(client, auth, staff):
    bart = staff["bart"]
    auth.login("wim")
    page = client.get("/backoffice/medewerkers").get_data(as_text=True)
    assert "Bart" in page and "Verzender van berichten aan aanvragers" in page
    response = client.post(f"/backoffice/medewerkers/{bart.id}", data={"rol": ["behandelaar"]})
    assert response.status_code == 303
    assert roles_of(bart) == {"behandelaar"}
    lines = [(e.action, e.actor_name, e.detail) for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]
    assert lines == [("rol_toegekend", "Wim", "Bart: Behandelaar van dossiers"),
                     ("rol_ingetrokken", "Wim", "Bart: Verzender van berichten aan aanvragers")]
    # the change counts at Bart's next request: the Werkbak opens, Berichten no longer
    auth.login("bart")
    assert client.get("/backoffice/dossiers/").status_code == 200
    assert client.get("/backoffice/berichten").status_code == 403


def test_a_beheerder_cannot_withdraw_their_own_role_nor_give_an_unknown_one(client, auth, staff):
    wim = staff["wim"]
    auth.login("wim")
    refused = client.post(f"/backoffice/medewerkers/{wim.id}", data={"rol": ["audit"]})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "eigen rol van beheerder" in page
    assert 'value="audit" id="rol-' in page and f'id="rol-{wim.id}-audit" checked' in page  # what was ticked stays
    assert roles_of(wim) == {"beheer"}
    unknown = client.post(f"/backoffice/medewerkers/{staff['bart'].id}", data={"rol": ["superuser"]})
    assert unknown.status_code == 422 and "Kies alleen rollen uit de lijst." in unknown.get_data(as_text=True)
    assert roles_of(staff["bart"]) == {"berichten"}
    assert client.post("/backoffice/medewerkers/99999", data={"rol": []}).status_code == 422
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEvent)) == 0


def test_only_the_beheerder_gives_roles(client, auth, staff):
    auth.login("sofie")
    assert client.get("/backoffice/medewerkers").status_code == 403
    assert client.post(f"/backoffice/medewerkers/{staff['sofie'].id}", data={"rol": ["beheer"]}).status_code == 403
    assert roles_of(staff["sofie"]) == {"behandelaar"}
