"""Uploads behind one storage interface: the local folder and an S3-compatible object store (a
real server on loopback, moto in server mode) behave the same, resumable chunks included."""

import pytest

from portal.uploads import storage
from tests import files


@pytest.fixture(params=["local", "s3"])
def backend(request, app):
    if request.param == "s3":
        app.config.update(request.getfixturevalue("s3_server"))
    app.extensions.pop("loket_storage", None)
    yield storage.backend()
    app.extensions.pop("loket_storage", None)


def test_documents_are_stored_read_and_removed(backend):
    name, digest = storage.save(b"%PDF-1.4 inhoud")
    assert storage.read(name) == b"%PDF-1.4 inhoud" and len(digest) == 64
    storage.remove(name)
    with pytest.raises(Exception):
        storage.read(name)
    storage.writable()  # what /readyz asks


def test_chunks_of_a_resumable_upload_add_up_wherever_they_arrive(backend):
    assert backend.partial_size("upload-1") == 0
    backend.append_partial("upload-1", 0, b"abc")
    backend.append_partial("upload-1", 3, b"defg")
    assert backend.partial_size("upload-1") == 7 and backend.read_partial("upload-1") == b"abcdefg"
    backend.drop_partial("upload-1")
    assert backend.partial_size("upload-1") == 0


def test_a_download_is_an_attachment_with_the_users_own_name(backend, app):
    name, _ = storage.save(files.pdf())
    with app.test_request_context():
        response = storage.send(name, "Ondersteuningsplan é.pdf", "application/pdf")
        response.direct_passthrough = False
        assert response.get_data() == files.pdf()
        response.close()
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "Ondersteuningsplan" in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
