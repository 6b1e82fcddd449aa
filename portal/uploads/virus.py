"""Virus scan through clamd (INSTREAM over its Unix socket) when CLAMD_SOCKET is set; without it,
uploads are not scanned, and /readyz says so. A set but unreachable clamd refuses the upload
(closed, not open): a document is never stored unscanned while scanning is switched on.

A small client of clamd's documented protocol (`man clamd`: nPING, nINSTREAM with 4-byte
big-endian chunk lengths ending in a zero length) rather than the clamav-client package, which
leaves its socket open when clamd cannot be reached.
"""

import logging
import socket
import struct

from flask import current_app

from portal.uploads.checks import UploadRefused

log = logging.getLogger(__name__)
INFECTED = "In dit bestand zit een virus of schadelijke code. We hebben het niet bewaard. Kies een ander bestand."
UNREACHABLE = "De viruscontrole is op dit moment niet bereikbaar. Probeer het over enkele minuten opnieuw."


CHUNK = 64 * 1024  # below clamd's StreamMaxLength's smallest sensible setting


def _ask(command: bytes, content: bytes | None = None) -> str:
    """Send one command (and a stream) to clamd and return its one-line answer."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(current_app.config["CLAMD_TIMEOUT"])
        connection.connect(current_app.config["CLAMD_SOCKET"])
        connection.sendall(b"n" + command + b"\n")
        if content is not None:
            for start in range(0, len(content), CHUNK):
                chunk = content[start:start + CHUNK]
                connection.sendall(struct.pack("!L", len(chunk)) + chunk)
            connection.sendall(struct.pack("!L", 0))
        with connection.makefile("rb") as answer:
            return answer.readline(4096).decode("utf-8", "replace").strip()


def scan(content: bytes) -> None:
    """Raise UploadRefused for an infected file, or when the scan is on but clamd cannot answer."""
    if not current_app.config.get("CLAMD_SOCKET"):
        return
    try:
        answer = _ask(b"INSTREAM", content)
    except OSError as error:
        log.warning("clamd niet bereikbaar: %s", error)
        raise UploadRefused(UNREACHABLE) from error
    if answer.endswith("FOUND"):
        log.warning("Upload geweigerd door clamd: %s", answer)
        raise UploadRefused(INFECTED)
    if not answer.endswith("OK"):  # "… ERROR", e.g. a size limit of clamd
        log.warning("clamd antwoordde: %s", answer)
        raise UploadRefused(UNREACHABLE)


def status() -> str:
    """For /readyz: 'uit' (not configured), 'ok', or 'onbereikbaar'."""
    if not current_app.config.get("CLAMD_SOCKET"):
        return "uit: CLAMD_SOCKET is niet gezet, uploads worden niet op virussen gescand"
    try:
        return "ok" if _ask(b"PING") == "PONG" else "onbereikbaar"
    except OSError:
        return "onbereikbaar"
