"""What the portal knows of an enterprise's e-mail addresses: confirmed by a code the applicant
typed, or undeliverable because a mail server refused it for good."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
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


# --- Confirmation by a code: the first time an enterprise uses an address, the applicant types
# the six digits we mailed to it (Open Forms does the same), so a typo cannot swallow every
# e-mail about the dossier. -------------------------------------------------------------------

CODE_VALID = timedelta(minutes=30)
CODE_MAX_ATTEMPTS = 5
RESEND_AFTER = timedelta(seconds=30)


def is_confirmed(enterprise_id: int, email: str) -> bool:
    address = find(enterprise_id, email)
    return address is not None and address.confirmed_at is not None


def _digest(address: MailAddress, code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{address.id}:{address.email}:{code}".encode(), hashlib.sha256).hexdigest()


def send_code(enterprise_id: int, email: str, *, contact: str) -> str | None:
    """Mail a new code to the address (the caller commits). Returns why not, or None when sent."""
    from portal.mail.outbox import queue_mail

    address = get_or_create(enterprise_id, email)
    if address.confirmed_at is not None:
        return None
    if address.code_sent_at and utcnow() - address.code_sent_at < RESEND_AFTER:
        return "We stuurden net een code. Wacht een halve minuut voor u een nieuwe vraagt."
    code = f"{secrets.randbelow(10**6):06d}"
    address.code_hash, address.code_sent_at, address.code_attempts = _digest(address, code), utcnow(), 0
    queue_mail(dedupe_key=f"adrescode:{address.id}:{address.code_sent_at.isoformat()}", recipient=email.strip(),
               template="adres_code", enterprise_id=enterprise_id, code=code, contact=contact,
               minutes=int(CODE_VALID.total_seconds() // 60))
    return None


def confirm(enterprise_id: int, email: str, code: str) -> str | None:
    """Check a typed code (the caller commits). Returns the Dutch error, or None when confirmed."""
    address = find(enterprise_id, email)
    if address is not None and address.confirmed_at is not None:
        return None
    if address is None or address.code_hash is None:
        return "Vraag eerst een code aan: we sturen ze naar dit e-mailadres."
    if utcnow() - address.code_sent_at > CODE_VALID:
        return "Deze code is verlopen. Vraag een nieuwe code aan."
    if address.code_attempts >= CODE_MAX_ATTEMPTS:
        return "U typte te vaak een verkeerde code. Vraag een nieuwe code aan."
    typed = "".join(ch for ch in code or "" if ch.isdigit())
    if len(typed) != 6:
        return "Typ de zes cijfers van de code uit de e-mail."
    if not hmac.compare_digest(_digest(address, typed), address.code_hash):
        address.code_attempts += 1
        return "Deze code klopt niet. Kijk de zes cijfers in de e-mail na."
    address.confirmed_at, address.code_hash = utcnow(), None
    address.undeliverable_at = address.undeliverable_reason = None
    return None


def confirm_without_code(enterprise_id: int, email: str) -> None:
    """An address the portal already knows works (demo data, tests, an address an e-mail reached)."""
    address = get_or_create(enterprise_id, email)
    if address.confirmed_at is None:
        address.confirmed_at = utcnow()
