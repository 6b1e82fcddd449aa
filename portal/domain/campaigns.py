"""Messages department staff send to many applicants at once ("berichten aan aanvragers").

Who receives one is decided here, purely: the audience a message is for, and one e-mail per
address however many dossiers that contact person follows. The product brief names these bulk
notifications; the seeds say nothing about them, so the audiences follow the dossier states of
seeds 000, 001 and 003 (portal/domain/dossier_states.py).
"""

import hashlib
import re
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


# Belgian postal codes by province (bpost's ranges); the first digit groups, Brussels apart.
PROVINCES = {
    "antwerpen": "Antwerpen",
    "limburg": "Limburg",
    "oost-vlaanderen": "Oost-Vlaanderen",
    "vlaams-brabant": "Vlaams-Brabant",
    "west-vlaanderen": "West-Vlaanderen",
    "brussel": "Brussels Hoofdstedelijk Gewest",
    "wallonie": "Wallonië",
}
_POSTCODE_RANGES = [
    (1000, 1299, "brussel"), (1300, 1499, "wallonie"), (1500, 1999, "vlaams-brabant"), (2000, 2999, "antwerpen"),
    (3000, 3499, "vlaams-brabant"), (3500, 3999, "limburg"), (4000, 7999, "wallonie"), (8000, 8999, "west-vlaanderen"),
    (9000, 9999, "oost-vlaanderen"),
]


def province_of(address: str | None) -> str | None:
    """The province of a Belgian address, from its four-digit postal code; None when it has none."""
    found = re.search(r"\b([1-9]\d{3})\b", address or "")
    if not found:
        return None
    code = int(found.group(1))
    return next((name for low, high, name in _POSTCODE_RANGES if low <= code <= high), None)


@dataclass(frozen=True)
class Filters:
    """Who a message is for, besides the measure and the audience: dates and place. Empty = any."""

    begin_from: date | None = None
    begin_to: date | None = None
    end_from: date | None = None
    end_to: date | None = None
    enterprise_id: int | None = None
    province: str = ""

    def matches(self, *, begin: date | None, end: date | None, enterprise_id: int, province: str | None) -> bool:
        return (_within(begin, self.begin_from, self.begin_to) and _within(end, self.end_from, self.end_to)
                and (self.enterprise_id is None or enterprise_id == self.enterprise_id)
                and (not self.province or province == self.province))

    def as_json(self) -> dict:
        return {key: (value.isoformat() if isinstance(value, date) else value)
                for key, value in self.__dict__.items() if value not in (None, "")}

    @classmethod
    def from_json(cls, data: dict) -> "Filters":
        dates = {"begin_from", "begin_to", "end_from", "end_to"}
        return cls(**{key: (date.fromisoformat(value) if key in dates else value) for key, value in data.items()})


def _within(day: date | None, start: date | None, stop: date | None) -> bool:
    if start is None and stop is None:
        return True
    return day is not None and (start is None or day >= start) and (stop is None or day <= stop)


@dataclass(frozen=True)
class Contact:
    """One dossier's contact person, as the dossier's own e-mails would reach them."""

    email: str
    name: str
    number: str
    enterprise_id: int
    end: date | None = None


@dataclass
class Recipient:
    email: str
    name: str
    enterprise_id: int
    numbers: list[str] = field(default_factory=list)
    ends: list[date] = field(default_factory=list)


# Merge fields staff may put in a message's text, each filled in per recipient.
MERGE_FIELDS = {
    "naam": "de naam van de contactpersoon",
    "dossiernummer": "het nummer van het dossier (of de dossiers)",
    "einddatum": "de einddatum van de premie (of de premies)",
}
_FIELD = re.compile(r"\{([^{}\s]*)\}")


def unknown_fields(text: str) -> list[str]:
    """The {…} in a text that are no merge field, in the order they appear."""
    return list(dict.fromkeys(name for name in _FIELD.findall(text or "") if name not in MERGE_FIELDS))


def merge(text: str, recipient: Recipient) -> str:
    """The text with each merge field filled in for this recipient."""
    values = {
        "naam": recipient.name,
        "dossiernummer": ", ".join(recipient.numbers),
        "einddatum": ", ".join(d.strftime("%d/%m/%Y") for d in recipient.ends) or "(nog geen einddatum)",
    }
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), text)


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
            if contact.end is not None and contact.end not in found[key].ends:
                found[key].ends.append(contact.end)
    return list(found.values())
