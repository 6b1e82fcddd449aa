"""Messages department staff send to many applicants at once ("berichten aan aanvragers").

Who receives one is decided here, purely: the audience a message is for, and one e-mail per
address however many dossiers that contact person follows. The product brief names these bulk
notifications; the seeds say nothing about them, so the audiences follow the dossier states of
seeds 000, 001 and 003 (portal/domain/dossier_states.py).
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date

from portal.domain import dossier_states

IN_BEHANDELING = "in_behandeling"
LOPENDE_PREMIE = "lopende_premie"
ALLE = "alle"

AUDIENCES = {
    IN_BEHANDELING: "Dossiers in behandeling (nog geen beslissing)",
    LOPENDE_PREMIE: "Dossiers met een lopende premie (goedgekeurd, einddatum niet voorbij)",
    ALLE: "Alle ingediende dossiers",
}


def in_audience(audience: str, status: dossier_states.Status, end: date | None, today: date) -> bool:
    """Whether a dossier in this status (and, when approved, with this end date) is addressed."""
    if audience == IN_BEHANDELING:
        return not dossier_states.is_final(status)
    if audience == LOPENDE_PREMIE:
        return status.state == dossier_states.GOEDGEKEURD and (end is None or end >= today)
    if audience == ALLE:
        return True
    raise ValueError(f"onbekende doelgroep: {audience}")


@dataclass(frozen=True)
class Contact:
    """One dossier's contact person, as the dossier's own e-mails would reach them."""

    email: str
    name: str
    number: str
    enterprise_id: int


@dataclass
class Recipient:
    email: str
    name: str
    enterprise_id: int
    numbers: list[str] = field(default_factory=list)


def address_key(email: str) -> str:
    """An e-mail address as part of an outbox key: compared without case or surrounding spaces,
    hashed (the key column is short and need not spell out the address)."""
    return hashlib.sha256(email.strip().casefold().encode()).hexdigest()[:32]


def by_address(contacts: list[Contact]) -> list[Recipient]:
    """One recipient per e-mail address (compared without case or surrounding spaces), listing every
    dossier they are contact person for, in the order given; the first dossier names them."""
    found: dict[str, Recipient] = {}
    for contact in contacts:
        address = contact.email.strip()
        if not address:
            continue
        key = address.casefold()
        if key not in found:
            found[key] = Recipient(address, contact.name, contact.enterprise_id)
        if contact.number not in found[key].numbers:
            found[key].numbers.append(contact.number)
    return list(found.values())
