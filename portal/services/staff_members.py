"""The department's staff and their roles: the beheerder of the loket grants and withdraws them
(Backoffice › Medewerkers); every change is a line in the audit trail."""

from dataclasses import dataclass

from portal.domain import staff_roles
from portal.extensions import db
from portal.models import StaffRole, User
from portal.services import audit


@dataclass(frozen=True)
class Member:
    user: User
    roles: frozenset[str]


def members() -> list[Member]:
    """Every staff member with their roles, by name: two queries."""
    held: dict[int, set[str]] = {}
    for user_id, role in db.session.execute(db.select(StaffRole.user_id, StaffRole.role)):
        held.setdefault(user_id, set()).add(role)
    users = db.session.scalars(db.select(User).filter_by(is_staff=True).order_by(User.name))
    return [Member(user, frozenset(held.get(user.id, ()))) for user in users]


def set_roles(target_id: int, wanted: set[str], by: User) -> str | None:
    """Give the staff member exactly these roles; a Dutch refusal, or None once done and recorded."""
    target = db.session.scalar(db.select(User).filter_by(id=target_id, is_staff=True))
    if target is None:
        return "Deze medewerker bestaat niet (meer)."
    rows = {row.role: row for row in db.session.scalars(db.select(StaffRole).filter_by(user_id=target.id))}
    refused = staff_roles.change_refused(by.id, target.id, set(rows), wanted)
    if refused:
        return refused
    for role in sorted(wanted - rows.keys()):
        db.session.add(StaffRole(user_id=target.id, role=role))
        audit.record("rol_toegekend", by, detail=f"{target.name}: {staff_roles.ROLES[role]}")
    for role in sorted(rows.keys() - wanted):
        db.session.delete(rows[role])
        audit.record("rol_ingetrokken", by, detail=f"{target.name}: {staff_roles.ROLES[role]}")
    db.session.commit()
    return None
