"""Granting and withdrawing the right per measure, always within the acting enterprise."""

from portal.extensions import db
from portal.mail.outbox import queue_mail
from portal.models import MeasureRight, Membership, User
from portal.services import audit


def users_of(enterprise_id: int) -> list[tuple[User, Membership, frozenset[str]]]:
    memberships = db.session.scalars(
        db.select(Membership).join(User).filter(Membership.enterprise_id == enterprise_id).order_by(User.name)
    )
    held = {}
    for right in db.session.scalars(db.select(MeasureRight).filter_by(enterprise_id=enterprise_id)):
        held.setdefault(right.user_id, set()).add(right.measure)
    return [(m.user, m, frozenset(held.get(m.user_id, ()))) for m in memberships]


def member(enterprise_id: int, user_id: int) -> Membership | None:
    return db.session.get(Membership, (user_id, enterprise_id))


def grant(enterprise, user: User, measure, granted_by: User) -> bool:
    existing = db.session.scalar(
        db.select(MeasureRight).filter_by(user_id=user.id, enterprise_id=enterprise.id, measure=measure.code)
    )
    if existing:
        return False
    right = MeasureRight(user_id=user.id, enterprise_id=enterprise.id, measure=measure.code, granted_by_id=granted_by.id)
    db.session.add(right)
    db.session.flush()
    audit.record("recht_toegekend", granted_by, enterprise_id=enterprise.id,
                 detail=f"{user.name}: {measure.title} voor {enterprise.name}")
    if user.email:
        queue_mail(
            dedupe_key=f"recht:{right.id}:toegekend",
            recipient=user.email,
            template="recht_toegekend",
            enterprise_id=enterprise.id,
            user=user,
            enterprise=enterprise,
            measure=measure,
            granted_by=granted_by,
        )
    db.session.commit()
    return True


def withdraw(enterprise, user: User, measure, withdrawn_by: User) -> bool:
    right = db.session.scalar(
        db.select(MeasureRight).filter_by(user_id=user.id, enterprise_id=enterprise.id, measure=measure.code)
    )
    if right is None:
        return False
    db.session.delete(right)
    audit.record("recht_ingetrokken", withdrawn_by, enterprise_id=enterprise.id,
                 detail=f"{user.name}: {measure.title} voor {enterprise.name}")
    db.session.commit()
    return True
