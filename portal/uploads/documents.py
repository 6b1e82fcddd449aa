"""Store a checked document with its draft; resumable uploads append chunks at an offset."""

import secrets

from portal.clock import now
from portal.extensions import db
from portal.models import Document, UploadSession
from portal.uploads import checks, storage, virus


def store(application, kind: str, name: str, content: bytes, user) -> Document:
    """Check by content, store under a random name, and record the user's own file name."""
    original = checks.clean_name(name)
    mime_type = checks.check(original, content)
    virus.scan(content)
    stored_name, digest = storage.save(content)
    document = Document(
        application_id=application.id, enterprise_id=application.enterprise_id, kind=kind,
        original_name=original, stored_name=stored_name, mime_type=mime_type, size=len(content),
        sha256=digest, uploaded_by_id=user.id if user else None,
    )
    db.session.add(document)
    application.updated_at = now()
    db.session.commit()
    return document


def get_document(application, document_id: int) -> Document | None:
    return db.session.scalar(
        db.select(Document).filter_by(id=document_id, application_id=application.id,
                                      enterprise_id=application.enterprise_id)
    )


def remove(document: Document) -> None:
    storage.remove(document.stored_name)
    db.session.delete(document)
    db.session.commit()


def open_session(application, kind: str, name: str, size: int) -> UploadSession:
    """Start a resumable upload, or find the unfinished one for the same file, to resume it."""
    original = checks.clean_name(name)
    checks.check_size(size)
    if not any(original.lower().endswith(ext) for ext in checks.ALLOWED):
        raise checks.UploadRefused("Kies een PDF- of Word-bestand (.pdf, .docx of .doc).")
    existing = db.session.scalar(
        db.select(UploadSession).filter_by(application_id=application.id, enterprise_id=application.enterprise_id,
                                           kind=kind, original_name=original, size=size)
    )
    if existing is not None:
        existing.received = storage.backend().partial_size(existing.id)
        db.session.commit()
        return existing
    session = UploadSession(id=secrets.token_hex(16), application_id=application.id,
                            enterprise_id=application.enterprise_id, kind=kind, original_name=original, size=size)
    db.session.add(session)
    db.session.commit()
    return session


def get_session(application, upload_id: str) -> UploadSession | None:
    return db.session.scalar(
        db.select(UploadSession).filter_by(id=upload_id, application_id=application.id,
                                           enterprise_id=application.enterprise_id)
    )


class OffsetMismatch(Exception):
    def __init__(self, expected: int):
        self.expected = expected


def append(session: UploadSession, start: int, chunk: bytes) -> bool:
    """Append a chunk that starts where the last one ended; True when the file is complete."""
    if start != session.received:
        raise OffsetMismatch(session.received)
    if session.received + len(chunk) > session.size:
        raise checks.UploadRefused("Er kwam meer data binnen dan het bestand groot is. Probeer opnieuw.")
    storage.backend().append_partial(session.id, start, chunk)
    session.received += len(chunk)
    session.updated_at = now()
    db.session.commit()
    return session.received == session.size


def finish(application, session: UploadSession, user) -> Document:
    """Check the complete file like any upload; the partial file and session go either way."""
    content = storage.backend().read_partial(session.id)
    try:
        return store(application, session.kind, session.original_name, content, user)
    finally:
        storage.backend().drop_partial(session.id)
        db.session.delete(session)
        db.session.commit()
