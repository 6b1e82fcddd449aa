"""An SMTP server for tests that can misbehave on purpose: it counts connections and messages by
Message-ID, and can drop the connection after every n-th message, answer 451 for a while, or 550
for one address. A real server (aiosmtpd) on loopback, not a mock of smtplib."""

import asyncio
import threading
import time
from collections import Counter
from email.parser import BytesHeaderParser

from aiosmtpd.controller import Controller

from tests import support


class Behaviour:
    def __init__(self):
        self.lock = threading.Lock()
        self.received: Counter[str] = Counter()  # Message-ID -> times accepted
        self.first_accepted_at: dict[str, float] = {}  # Message-ID -> time.time() of its first 250
        self.recipients: list[str] = []
        self.connections = 0
        self.drop_every = 0  # close the connection after every n-th accepted message
        self.temporary_failures = 0  # answer 451 to this many messages first
        self.temporary_until = 0.0  # answer 451 until this moment (time.monotonic())
        self.refuse = set()  # addresses answered with 550
        self._accepted_total = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if time.monotonic() < self.temporary_until:
                return "451 4.3.0 Try again later"
            if self.temporary_failures > 0:
                self.temporary_failures -= 1
                return "451 4.3.0 Try again later"
            message_id = BytesHeaderParser().parsebytes(envelope.original_content or envelope.content)["Message-ID"]
            self.received[message_id] += 1
            self.first_accepted_at.setdefault(message_id, time.time())
            self.recipients.extend(envelope.rcpt_tos)
            self._accepted_total += 1
            drop = self.drop_every and self._accepted_total % self.drop_every == 0
        if drop:  # after the 250 has been written: the client sees the line go dead afterwards
            asyncio.get_running_loop().call_soon(server.transport.close)
        return "250 Message accepted"

    @property
    def total(self) -> int:
        return sum(self.received.values())

    @property
    def doubled(self) -> int:
        return sum(count - 1 for count in self.received.values() if count > 1)


class ScriptedSink:
    def __init__(self):
        self.behaviour = Behaviour()
        self.port = support.free_port()
        self.controller = Controller(self.behaviour, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.behaviour.port = self.port
        self.controller.start()
        return self.behaviour

    def __exit__(self, *exc):
        self.controller.stop()
