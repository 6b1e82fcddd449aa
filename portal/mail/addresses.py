"""What the portal knows of an enterprise's e-mail addresses: confirmed by a code the applicant
typed, or undeliverable because a mail server refused it for good."""

from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.models import MailAddress
from portal.models.base import utcnow


def normalise(email: str) -> str:
    return email.strip().lower()


def find(enterprise_id: int, email: str) -> MailAddress | None:
    return db.session.scalar(db.select(MailAddress).filter_by(enterprise_id=enterprise_id, email=normalise(email)))


def get_or_create(enterprise_id: int, email: str) -> MailAddress:
    address = find(enterprise_id, email)
    if address is not None:
        return address
    address = MailAddress(enterprise_id=enterprise_id, email=normalise(email), code_attempts=0)
    try:
        with db.session.begin_nested():
            db.session.add(address)
    except IntegrityError:  # created by a concurrent request
        return find(enterprise_id, email)
    return address


def mark_undeliverable(enterprise_id: int, email: str, reason: str) -> None:
    address = get_or_create(enterprise_id, email)
    address.undeliverable_at, address.undeliverable_reason = utcnow(), reason[:500]


def undeliverable(enterprise_id: int, emails) -> dict[str, MailAddress]:
    """The undeliverable ones among these addresses of the enterprise, by normalised address."""
    wanted = {normalise(e) for e in emails if e}
    if not wanted:
        return {}
    rows = db.session.scalars(db.select(MailAddress).filter(
        MailAddress.enterprise_id == enterprise_id, MailAddress.email.in_(wanted),
        MailAddress.undeliverable_at.is_not(None)))
    return {row.email: row for row in rows}
