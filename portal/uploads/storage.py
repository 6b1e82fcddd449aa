"""Where documents live, behind one small interface with two implementations:

- `LocalStorage` (the default): UPLOAD_DIR on this machine, outside the web root;
- `S3Storage` (STORAGE_BACKEND=s3): a bucket on an S3-compatible object store (boto3), so that
  several machines share the documents (README: "Two machines").

Documents are stored under random names. A resumable upload keeps its chunks in the same storage
(one object per chunk on S3, which cannot append), so a chunk may arrive at either machine."""

import hashlib
import io
import secrets
from pathlib import Path

from flask import current_app, send_file


class LocalStorage:
    def __init__(self, folder: str):
        self.folder = Path(folder)

    def _path(self, name: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        return self.folder / name

    def put(self, name: str, content: bytes) -> None:
        self._path(name).write_bytes(content)

    def get(self, name: str) -> bytes:
        return self._path(name).read_bytes()

    def delete(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)

    def _partial(self, upload_id: str) -> Path:
        folder = self.folder / "partial"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / upload_id

    def append_partial(self, upload_id: str, offset: int, chunk: bytes) -> None:
        with self._partial(upload_id).open("ab") as handle:
            handle.write(chunk)

    def partial_size(self, upload_id: str) -> int:
        path = self._partial(upload_id)
        return path.stat().st_size if path.exists() else 0

    def read_partial(self, upload_id: str) -> bytes:
        path = self._partial(upload_id)
        return path.read_bytes() if path.exists() else b""

    def drop_partial(self, upload_id: str) -> None:
        self._partial(upload_id).unlink(missing_ok=True)

    def response(self, name: str, **options):
        return send_file(self._path(name), **options)


class S3Storage:
    def __init__(self, bucket: str, client):
        self.bucket, self.client = bucket, client

    @classmethod
    def from_config(cls, config) -> "S3Storage":
        import boto3

        client = boto3.client("s3", endpoint_url=config["S3_ENDPOINT_URL"] or None,
                              region_name=config["S3_REGION"] or None)
        return cls(config["S3_BUCKET"], client)

    def put(self, name: str, content: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=f"documents/{name}", Body=content)

    def get(self, name: str) -> bytes:
        return self.client.get_object(Bucket=self.bucket, Key=f"documents/{name}")["Body"].read()

    def delete(self, name: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=f"documents/{name}")

    def _chunks(self, upload_id: str) -> list[dict]:
        found = self.client.list_objects_v2(Bucket=self.bucket, Prefix=f"partial/{upload_id}/")
        return sorted(found.get("Contents", []), key=lambda item: item["Key"])

    def append_partial(self, upload_id: str, offset: int, chunk: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=f"partial/{upload_id}/{offset:012d}", Body=chunk)

    def partial_size(self, upload_id: str) -> int:
        return sum(item["Size"] for item in self._chunks(upload_id))

    def read_partial(self, upload_id: str) -> bytes:
        return b"".join(self.client.get_object(Bucket=self.bucket, Key=item["Key"])["Body"].read()
                        for item in self._chunks(upload_id))

    def drop_partial(self, upload_id: str) -> None:
        for item in self._chunks(upload_id):
            self.client.delete_object(Bucket=self.bucket, Key=item["Key"])

    def response(self, name: str, **options):
        return send_file(io.BytesIO(self.get(name)), **options)


def backend():
    """The app's storage, built once per app."""
    extensions = current_app.extensions
    if "loket_storage" not in extensions:
        config = current_app.config
        extensions["loket_storage"] = (S3Storage.from_config(config) if config["STORAGE_BACKEND"] == "s3"
                                       else LocalStorage(config["UPLOAD_DIR"]))
    return extensions["loket_storage"]


def new_name() -> str:
    return secrets.token_hex(16)


def save(content: bytes) -> tuple[str, str]:
    """Store bytes under a new random name; return (stored name, sha256)."""
    name = new_name()
    backend().put(name, content)
    return name, hashlib.sha256(content).hexdigest()


def read(stored_name: str) -> bytes:
    return backend().get(stored_name)


def remove(stored_name: str) -> None:
    backend().delete(stored_name)


def writable() -> None:
    """For /readyz: write, read and delete a small object; raises when the storage cannot."""
    name = f"readyz-{secrets.token_hex(8)}"
    storage = backend()
    storage.put(name, b"ok")
    try:
        if storage.get(name) != b"ok":
            raise OSError("wat geschreven werd, kwam anders terug")
    finally:
        storage.delete(name)


def send(stored_name: str, original_name: str, mime_type: str):
    """Send a document back, always as a download (Content-Disposition: attachment, never shown in
    the portal's own origin) under the user's own file name, with nosniff."""
    response = backend().response(stored_name, mimetype=mime_type, as_attachment=True,
                                  download_name=original_name, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
