"""Where documents live: UPLOAD_DIR, outside the web root, under random names."""

import hashlib
import secrets
from pathlib import Path

from flask import current_app, send_file


def root() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def new_name() -> str:
    return secrets.token_hex(16)


def save(content: bytes) -> tuple[str, str]:
    """Store bytes under a new random name; return (stored name, sha256)."""
    name = new_name()
    (root() / name).write_bytes(content)
    return name, hashlib.sha256(content).hexdigest()


def partial_path(upload_id: str) -> Path:
    path = root() / "partial"
    path.mkdir(exist_ok=True)
    return path / upload_id


def remove(stored_name: str) -> None:
    (root() / stored_name).unlink(missing_ok=True)


def send(stored_name: str, original_name: str, mime_type: str):
    """Send a document back, always as a download (Content-Disposition: attachment, never shown in
    the portal's own origin) under the user's own file name, with nosniff."""
    response = send_file(root() / stored_name, mimetype=mime_type, as_attachment=True,
                         download_name=original_name, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
