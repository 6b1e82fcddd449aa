"""Deliver outbox rows over SMTP in batches, at least once, never twice for a row recorded sent.

A delivery job claims up to MAIL_BATCH_SIZE due rows of one lane in one statement
(`UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING id` on PostgreSQL; on SQLite
the same UPDATE, which holds the database's write lock while it reads), so several workers can
run batches side by side and never claim one row twice. It sends them over one SMTP connection,
reused for MAIL_MESSAGES_PER_CONNECTION messages and reopened when the server closes it, and
records each row's result as it goes:

- 2xx: `sent`.
- 4xx, or no answer: back to `created` with `next_attempt_at` after a backoff; after
  MAIL_MAX_ATTEMPTS it is `failed`. The due time lives on the row, so whichever process looks
  next (the ticker, a sweep, another batch) finds it: no retry depends on one worker's scheduler.
- 5xx: `failed`, visible to staff; a refused address is marked undeliverable.

A row stays `sending` only while a batch works on it; a worker killed mid-batch leaves its rows
`sending`, and after MAIL_SENDING_LEASE they are due again (`release_abandoned`). The one window
left (SMTP accepted, crash before the row's UPDATE) may give a duplicate of that one message,
which is better than a lost one.
"""

import base64
import logging
import smtplib
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from email.header import Header
from email.utils import formataddr, formatdate, parseaddr

from flask import current_app
from sqlalchemy import or_, select, update
from sqlalchemy.exc import OperationalError

from portal.extensions import db
from portal.mail import addresses
from portal.mail.rate import RateLimiter
from portal.models import OutboxMessage
from portal.models.base import utcnow
from portal.models.outbox import LANES

log = logging.getLogger(__name__)

# Seconds before the 2nd, 3rd, … attempt of a message the server could not take (4xx).
BACKOFF = (10, 60, 300, 900, 3600)
# After this many 4xx answers in a row the server is throttling us: the batch stops, and what it
# had not tried yet waits as long as the last message does.
CONSECUTIVE_TEMPORARY_LIMIT = 3
# 5xx answers that say the address itself is wrong (RFC 5321: mailbox unavailable, user not
# local, mailbox name not allowed), as opposed to a refused message.
ADDRESS_CODES = {550, 551, 553}


@dataclass
class Outcome:
    """What one delivery run did, for the job's result and the campaigns' error threshold."""
    sent: int = 0
    retry: int = 0
    failed: int = 0
    released: int = 0
    refused_campaigns: set[int] = field(default_factory=set)  # campaigns with a 5xx in the last batch

    def __str__(self) -> str:
        return f"sent={self.sent} retry={self.retry} failed={self.failed} released={self.released}"


# --- claiming ---------------------------------------------------------------------------------

def due(lane: str):
    """The condition of a row that may be sent now."""
    return (OutboxMessage.status == "created") & (OutboxMessage.lane == lane) & or_(
        OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= utcnow())


def claim(lane: str, limit: int) -> list[int]:
    """Mark up to `limit` due rows of the lane `sending` and return their ids (oldest first)."""
    for wait in (0.05, 0.2, 0.5, 1, 2, None):
        try:
            return _claim(lane, limit)
        except OperationalError:  # SQLite: another process holds the write lock a little too long
            db.session.rollback()
            if wait is None:
                raise
            time.sleep(wait)
    return []


def _claim(lane: str, limit: int) -> list[int]:
    db.session.commit()  # start from a fresh transaction: no read lock held from before
    picked = select(OutboxMessage.id).where(due(lane)).order_by(OutboxMessage.id).limit(limit)
    if db.session.get_bind().dialect.name == "postgresql":
        picked = picked.with_for_update(skip_locked=True)
    # A materialised CTE, not `WHERE id IN (SELECT … LIMIT n SKIP LOCKED)`: PostgreSQL may run such
    # a subquery more than once for one UPDATE, and with SKIP LOCKED each run finds other rows, so
    # a claim of 5 took 22.
    picked = picked.cte("picked").prefix_with("MATERIALIZED")
    ids = db.session.scalars(
        update(OutboxMessage)
        .where(OutboxMessage.id == picked.c.id, OutboxMessage.status == "created")
        .values(status="sending", attempts=OutboxMessage.attempts + 1, updated_at=utcnow())
        .returning(OutboxMessage.id)
        .execution_options(synchronize_session=False)
    ).all()
    db.session.commit()
    return sorted(ids)


def release_abandoned() -> int:
    """Rows left `sending` longer than the lease (their worker died) are due again."""
    lease = timedelta(seconds=current_app.config["MAIL_SENDING_LEASE"])
    released = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == "sending", OutboxMessage.updated_at < utcnow() - lease)
        .values(status="created", next_attempt_at=None, updated_at=utcnow())
    ).rowcount
    db.session.commit()
    if released:
        log.warning("%s e-mail(s) van een gestopte worker opnieuw klaargezet", released)
    return released


def lanes_due() -> list[str]:
    """The lanes that have a row to send now (one indexed lookup per lane)."""
    return [lane for lane in LANES
            if db.session.scalar(select(OutboxMessage.id).where(due(lane)).limit(1)) is not None]


# --- sending ----------------------------------------------------------------------------------

class Connection:
    """One SMTP connection, opened on first use, reused for `per_connection` messages and opened
    again when the server has closed it."""

    def __init__(self, config):
        self.config = config
        self.smtp: smtplib.SMTP | None = None
        self.used = 0

    def open(self) -> smtplib.SMTP:
        if self.smtp is not None and self.used >= self.config["MAIL_MESSAGES_PER_CONNECTION"]:
            self.close()
        if self.smtp is None:
            config = self.config
            smtp = smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=config["SMTP_TIMEOUT"])
            if config["SMTP_STARTTLS"]:
                smtp.starttls()
            if config["SMTP_USER"]:
                smtp.login(config["SMTP_USER"], config["SMTP_PASSWORD"] or "")
            self.smtp, self.used = smtp, 0
        return self.smtp

    def send(self, sender: str, recipient: str, raw: bytes) -> None:
        reused = self.smtp is not None and self.used < self.config["MAIL_MESSAGES_PER_CONNECTION"]
        try:
            self.open().sendmail(sender, [recipient], raw)
        except smtplib.SMTPServerDisconnected:
            self.smtp = None
            if not reused:
                raise
            # A server may close an idle or a used connection between two messages: once more on a
            # new one. (If it closed after taking the message but before answering, this is the
            # duplicate the at-least-once promise allows.)
            self.open().sendmail(sender, [recipient], raw)
        finally:
            self.used += 1

    def reset(self) -> None:
        """After a refused message the connection may be mid-transaction: RSET, or drop it."""
        if self.smtp is not None:
            try:
                self.smtp.rset()
            except (OSError, smtplib.SMTPException):
                self.smtp = None

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass
            self.smtp = None


def deliver(lane: str, *, batches: int | None = None, seconds: float | None = None,
            after_batch=None) -> Outcome:
    """Claim and send batches of the lane until none is due, `batches` were sent or `seconds`
    have passed. `after_batch(campaign_ids)` is called after each batch (the campaigns' error
    threshold is judged there, so a bad list stops within one batch). A batch that has begun is
    finished unless it runs MAIL_BATCH_SECONDS past `seconds` (a very slow server)."""
    config = current_app.config
    outcome = Outcome()
    connection = Connection(config)
    limiter = RateLimiter.from_config(config)
    stop_at = time.monotonic() + (seconds if seconds is not None else config["MAIL_BATCH_SECONDS"])
    done = 0
    record = Recorder()
    try:
        while batches is None or done < batches:
            ids = claim(lane, config["MAIL_BATCH_SIZE"])
            if not ids:
                break
            carry_on = send_batch(ids, connection, limiter, outcome, stop_at, record)
            if after_batch is not None and outcome.refused_campaigns:
                after_batch(outcome.refused_campaigns)  # only a refusal can push a campaign past its threshold
                outcome.refused_campaigns.clear()
            if not carry_on:
                break
            done += 1
            if time.monotonic() >= stop_at:
                break
    finally:
        connection.close()
        record.close()
    return outcome


def send_batch(ids: list[int], connection: Connection, limiter: RateLimiter, outcome: Outcome,
               stop_at: float, record: "Recorder") -> bool:
    """Send the claimed rows; False when the server asked us to stop (the rest released)."""
    # Plain rows, not ORM objects: each commit below would expire and reload them one by one.
    messages = db.session.execute(select(*SENT_COLUMNS).where(OutboxMessage.id.in_(ids))
                                  .order_by(OutboxMessage.id)).all()
    db.session.commit()  # the rows are read: no transaction stays open while we talk SMTP
    sender = envelope_sender()
    temporary_in_a_row = 0
    lease = current_app.config["MAIL_SENDING_LEASE"]
    renewed = time.monotonic()
    for index, message in enumerate(messages):
        if time.monotonic() - renewed > lease / 3:
            # A slow batch keeps its claim: the rows it has not sent yet are not abandoned.
            record.renew([m.id for m in messages[index:]])
            renewed = time.monotonic()
        if time.monotonic() >= stop_at + current_app.config["MAIL_BATCH_SECONDS"] and index:
            outcome.released += release([m.id for m in messages[index:]], None)
            return False
        limiter.acquire()
        code, error = attempt(connection, sender, message)
        if code is not None and 200 <= code < 300:
            record(message, "sent", None, code, sent_at=utcnow())
            outcome.sent += 1
            temporary_in_a_row = 0
        elif code is not None and code >= 500:
            record(message, "failed", error, code)
            if message.campaign_id:
                outcome.refused_campaigns.add(message.campaign_id)
            if code in ADDRESS_CODES and message.enterprise_id:
                addresses.mark_undeliverable(message.enterprise_id, message.recipient, f"{code} {error}")
            db.session.commit()
            outcome.failed += 1
            temporary_in_a_row = 0
        else:
            next_at = retry_later(record, message, code, error)
            if next_at is None:
                outcome.failed += 1
                if message.campaign_id:
                    outcome.refused_campaigns.add(message.campaign_id)
            else:
                outcome.retry += 1
            temporary_in_a_row += 1
            if code is None or temporary_in_a_row >= CONSECUTIVE_TEMPORARY_LIMIT:
                # The server is down or throttling: the others wait as long as this one does.
                outcome.released += release([m.id for m in messages[index + 1:]], next_at)
                return False
    return True


SENT_COLUMNS = (OutboxMessage.id, OutboxMessage.enterprise_id, OutboxMessage.campaign_id, OutboxMessage.recipient,
                OutboxMessage.subject, OutboxMessage.body_text, OutboxMessage.body_html, OutboxMessage.message_id,
                OutboxMessage.attempts)


def attempt(connection: Connection, sender: str, message) -> tuple[int | None, str | None]:
    """Send one message: (SMTP code, error). 250 on success; None as the code when no server
    answered (refused connection, timeout, dropped line)."""
    try:
        connection.send(sender, message.recipient, build(message))
        return 250, None
    except smtplib.SMTPRecipientsRefused as error:
        connection.reset()
        code, text = next(iter(error.recipients.values()))
        return code, _text(text)
    except smtplib.SMTPResponseException as error:
        connection.reset()
        if error.smtp_code == 421:
            connection.smtp = None  # the server is closing the connection
        return error.smtp_code, _text(error.smtp_error)
    except (OSError, smtplib.SMTPException) as error:
        connection.smtp = None
        return None, repr(error)


def _text(value) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


class Recorder:
    """Records each row's result as soon as the server answered, in one statement on a connection
    of its own in autocommit mode (one round trip a message, not four). On PostgreSQL without
    waiting for the write-ahead log's flush: the row is recorded once the server has it, so a
    worker that dies right after loses nothing; only a crash of the database server itself could
    forget the last few hundred milliseconds, which gives duplicates, never a lost message."""

    def __init__(self):
        self.connection = db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        self.postgresql = self.connection.dialect.name == "postgresql"
        if self.postgresql:
            self.connection.exec_driver_sql("SET synchronous_commit TO OFF")
        # The driver's own cursor and plain SQL: SQLAlchemy's statement handling cost more CPU
        # than the SMTP exchange of the message.
        self.driver = self.connection.connection.driver_connection
        self.cursor = self.driver.cursor()
        mark = "%s" if self.postgresql else "?"
        self.statement = (f"UPDATE outbox_message SET status = {mark}, last_error = {mark}, last_code = {mark}, "
                          f"updated_at = {mark}, sent_at = {mark}, next_attempt_at = {mark} "
                          f"WHERE id = {mark} AND status = 'sending'")

    def __call__(self, message, status: str, error: str | None, code: int | None, *, sent_at=None,
                 next_attempt_at=None) -> None:
        self.cursor.execute(self.statement, (status, f"{code} {error}" if code and error else error, code, utcnow(),
                                             sent_at, next_attempt_at, message.id))
        if not self.postgresql:
            self.driver.commit()  # sqlite3 opened a transaction of its own for the UPDATE

    def renew(self, ids: list[int]) -> None:
        mark = "%s" if self.postgresql else "?"
        self.cursor.execute(f"UPDATE outbox_message SET updated_at = {mark} WHERE status = 'sending' AND id IN "
                            f"({', '.join([mark] * len(ids))})", (utcnow(), *ids))
        if not self.postgresql:
            self.driver.commit()

    def close(self) -> None:
        try:
            self.cursor.close()
            if self.postgresql:
                self.connection.exec_driver_sql("RESET synchronous_commit")  # the connection goes back to the pool
        finally:
            self.connection.close()


def retry_later(record: Recorder, message, code: int | None, error: str | None):
    """Put the row back with its next attempt after the backoff; `failed` after the last attempt.
    Returns the time of the next attempt (None when it failed for good)."""
    attempts = message.attempts  # counted at the claim
    if attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        record(message, "failed", f"na {attempts} pogingen: {error}", code)
        return None
    next_at = utcnow() + timedelta(seconds=BACKOFF[min(attempts, len(BACKOFF)) - 1])
    record(message, "created", error, code, next_attempt_at=next_at)
    return next_at


def release(ids: list[int], next_at) -> int:
    """Give claimed rows that were not tried back, without counting an attempt."""
    if not ids:
        return 0
    count = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids), OutboxMessage.status == "sending")
        .values(status="created", attempts=OutboxMessage.attempts - 1, next_attempt_at=next_at, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return count


def build(message) -> bytes:
    """The message as it goes over the wire: text and HTML alternatives in UTF-8 (base64), the
    Message-ID generated once with the row (the same on every retry). Written out directly: the
    email package's generator cost 4–7 ms a message, more than the SMTP round trip."""
    boundary = f"=_loket_{uuid.uuid4().hex}"
    headers = [
        f"From: {_header(current_app.config['MAIL_FROM'], address=True)}",
        f"To: {_one_line(message.recipient)}",
        f"Subject: {_header(message.subject)}",
        f"Message-ID: {_one_line(message.message_id)}",
        f"Date: {formatdate(localtime=True)}",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/alternative; boundary="{boundary}"',
    ]
    out = ["\r\n".join(headers).encode("ascii"), b"\r\n\r\n"]
    for subtype, body in (("plain", message.body_text), ("html", message.body_html)):
        out += [f"--{boundary}\r\nContent-Type: text/{subtype}; charset=\"utf-8\"\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n".encode("ascii"),
                base64.encodebytes(body.encode("utf-8")).replace(b"\n", b"\r\n")]
    out.append(f"--{boundary}--\r\n".encode("ascii"))
    return b"".join(out)


def _one_line(value: str) -> str:
    """No header injection: a header value never carries a line break."""
    return " ".join(value.split())


def _header(value: str, *, address: bool = False) -> str:
    value = _one_line(value)
    if value.isascii():
        return value
    if address:
        name, mailbox = parseaddr(value)
        return formataddr((Header(name, "utf-8").encode(), mailbox))
    return Header(value, "utf-8").encode()


def envelope_sender() -> str:
    return parseaddr(current_app.config["MAIL_FROM"])[1]
