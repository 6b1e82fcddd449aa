"""The virus scan through clamd (portal/uploads/virus.py), against a small clamd stand-in that
speaks clamd's protocol (PING, INSTREAM) on a Unix socket; and /readyz, which says whether it runs."""

import io
import socketserver
import struct
import threading

import pytest
from unittest.mock import ANY

from portal.uploads import virus
from portal.uploads.checks import UploadRefused
from tests import files


class FakeClamd(socketserver.StreamRequestHandler):
    """Answers like clamd: EICAR is found, anything else is OK."""

    def handle(self):
        command = self.rfile.readline().strip()
        if command == b"nPING":
            self.wfile.write(b"PONG\n")
            return
        assert command == b"nINSTREAM"
        data = b""
        while True:
            (size,) = struct.unpack("!L", self.rfile.read(4))
            if not size:
                break
            data += self.rfile.read(size)
        self.server.scanned.append(data)
        found = files.EICAR in data
        self.wfile.write(b"stream: Eicar-Test-Signature FOUND\n" if found else b"stream: OK\n")


@pytest.fixture
def clamd(app, tmp_path):
    path = str(tmp_path / "clamd.sock")
    server = socketserver.ThreadingUnixStreamServer(path, FakeClamd)
    server.scanned = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["CLAMD_SOCKET"] = path
    yield server
    server.shutdown()
    server.server_close()


def test_without_clamd_socket_nothing_is_scanned_and_readyz_says_so(app, client):
    assert app.config["CLAMD_SOCKET"] is None
    virus.scan(files.EICAR)  # not scanned: no error
    body = client.get("/readyz").get_json()
    assert body["checks"]["virusscan"]["state"].startswith("uit: CLAMD_SOCKET is niet gezet")
    assert body["checks"]["virusscan"]["ok"] and body["checks"]["database"]["ok"] and body["checks"]["redis"]["ok"]


def test_a_clean_file_passes_and_an_infected_one_is_refused(clamd):
    virus.scan(files.pdf())
    with pytest.raises(UploadRefused, match="virus"):
        virus.scan(files.pdf() + files.EICAR)
    assert len(clamd.scanned) == 2 and clamd.scanned[0] == files.pdf()


def test_readyz_shows_the_scan_running(clamd, client):
    assert client.get("/readyz").get_json()["checks"]["virusscan"] == {"ok": True, "ms": ANY, "state": "ok"}


def test_a_configured_but_unreachable_clamd_refuses_uploads_and_readyz_fails(app, client, tmp_path):
    app.config["CLAMD_SOCKET"] = str(tmp_path / "nobody.sock")
    with pytest.raises(UploadRefused, match="niet bereikbaar"):
        virus.scan(files.pdf())
    response = client.get("/readyz")
    assert response.status_code == 503 and response.get_json()["checks"]["virusscan"]["ok"] is False


def test_an_infected_upload_in_the_wizard_is_refused_next_to_its_field(clamd, client, employer_with_draft):
    application_id, kind = employer_with_draft
    response = client.post(f"/aanvragen/{application_id}/documenten",
                           data={"kind": kind, "bestand": (io.BytesIO(files.pdf() + files.EICAR), "bewijs.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "virus" in response.get_data(as_text=True)
    assert clamd.scanned


@pytest.fixture
def employer_with_draft(make, auth, client):
    from tests.test_wizard import fill_until_documents, start

    bakery = make.enterprise("Bakkerij Peeters NV", "0403170701")
    make.user("els", enterprise=bakery, rights=("im",))
    auth.login("els")
    application_id = start(client)
    fill_until_documents(client, application_id)
    return application_id, "extra"
