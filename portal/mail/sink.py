"""The local mail sink: an SMTP server (aiosmtpd) that keeps every message in a Maildir, which
department staff read in the portal. Used by `make run` and the tests; never in production."""

import logging
import mailbox
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email import policy
from email.parser import BytesParser
from pathlib import Path

from aiosmtpd.controller import Controller


class MaildirHandler:
    def __init__(self, directory: str):
        self.maildir = mailbox.Maildir(directory, create=True)

    async def handle_DATA(self, server, session, envelope):
        self.maildir.add(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


def start(directory: str, host: str = "127.0.0.1", port: int = 8025) -> Controller:
    # aiosmtpd logs every SMTP command at INFO: ten lines per message would push make run's banner
    # with the URL and the logins off the screen. Its warnings and errors still show.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    controller = Controller(MaildirHandler(directory), hostname=host, port=port)
    controller.start()
    return controller


@dataclass(frozen=True)
class SunkMessage:
    key: str
    message_id: str
    sender: str
    recipient: str
    subject: str
    date: datetime | None  # naive UTC, as the portal stores moments (shown in Belgian time)
    text: str


def read(directory: str) -> list[SunkMessage]:
    """Every message in the sink, newest first."""
    if not directory or not Path(directory, "cur").exists():
        return []
    box = mailbox.Maildir(directory, factory=None, create=False)
    messages = [_parse(key, box.get_bytes(key)) for key in box.keys()]
    return sorted(messages, key=lambda m: _delivered(m.key), reverse=True)


_KEY = re.compile(r"^(\d+)\.M(\d+)P(\d+)Q(\d+)")


def _delivered(key: str) -> tuple:
    """A Maildir key ("<seconds>.M<microseconds>P<pid>Q<count>.<host>") as numbers: the microseconds
    are not zero-padded, so two messages of one second sorted as text came out in the wrong order."""
    found = _KEY.match(key)
    return tuple(int(part) for part in found.groups()) if found else (0, 0, 0, 0)


def find(directory: str, key: str) -> SunkMessage | None:
    return next((m for m in read(directory) if m.key == key), None)


def _parse(key: str, raw: bytes) -> SunkMessage:
    email = BytesParser(policy=policy.default).parsebytes(raw)
    body = email.get_body(preferencelist=("plain",))
    return SunkMessage(
        key=key,
        message_id=str(email.get("Message-ID", "")).strip(),
        sender=str(email.get("From", "")),
        recipient=str(email.get("To", "")),
        subject=str(email.get("Subject", "")),
        date=_sent_at(email),
        text=body.get_content() if body is not None else "",
    )


def _sent_at(email) -> datetime | None:
    """The Date header as naive UTC; None when it is missing or unreadable."""
    try:
        moment = email["Date"].datetime if email["Date"] is not None else None
    except (AttributeError, TypeError, ValueError):
        return None
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def clear(directory: str) -> None:
    """Empty the sink (tests), keeping the Maildir folders the running server writes into."""
    if Path(directory, "cur").exists():
        box = mailbox.Maildir(directory, factory=None, create=False)
        for key in list(box.keys()):
            box.remove(key)
