"""Retention (portal/services/applications/retention.py): a draft never submitted is reminded by
e-mail, then removed with its uploads; the sweep records what it removed."""

from datetime import timedelta

import pytest

from jobs import periodic, retention as job
from portal.extensions import db
from portal.models import Application, AuditEvent, Document, OutboxMessage, UploadSession
from portal.clock import now
from portal.services.applications import retention
from portal.uploads import storage
from tests import dossiers, files


@pytest.fixture
def stale(app, people):
    """Els's draft, last changed 24 days ago, with a document and an unfinished upload; the draft
    is removed after 30 days, reminded 7 days before."""
    app.config.update(DRAFT_RETENTION_DAYS=30, DRAFT_REMINDER_DAYS=7)
    draft = dossiers.draft(people.bakery, people.els)
    stored, digest = storage.save(files.pdf())
    db.session.add(Document(application_id=draft.id, enterprise_id=draft.enterprise_id, kind="extra",
                            original_name="attest.pdf", stored_name=stored, mime_type="application/pdf",
                            size=len(files.pdf()), sha256=digest))
    db.session.add(UploadSession(id="a" * 32, application_id=draft.id, enterprise_id=draft.enterprise_id,
                                 kind="extra", original_name="half.pdf", size=100))
    storage.backend().append_partial("a" * 32, 0, b"%PDF-")
    draft.updated_at = now() - timedelta(days=24)
    db.session.commit()
    return draft, stored


def test_a_stale_draft_is_reminded_once_with_the_day_it_goes(stale):
    draft, _ = stale
    first = retention.sweep()
    assert first.reminded == [draft.id] and first.removed == []
    assert retention.sweep().reminded == []
    (mail,) = db.session.scalars(db.select(OutboxMessage))
    assert mail.recipient == "els@example.test" and mail.subject == "Uw aanvraag in het WSE-loket is nog niet ingediend"
    assert f"/aanvragen/{draft.id}" in mail.body_text and "verwijderen we de aanvraag" in mail.body_text
    assert db.session.scalar(db.select(AuditEvent.action)) == "concept_herinnerd"


def test_after_the_reminder_term_the_draft_goes_with_its_uploads_and_the_sweep_says_what(stale):
    draft, stored = stale
    draft_id = draft.id
    retention.sweep()
    assert retention.sweep(now() + timedelta(days=5)).removed == []  # the term has not passed
    swept = retention.sweep(now() + timedelta(days=8))
    assert swept.removed == [draft_id]
    db.session.expire_all()
    assert db.session.get(Application, draft_id) is None
    assert db.session.scalars(db.select(Document)).all() == [] and db.session.scalars(db.select(UploadSession)).all() == []
    with pytest.raises(FileNotFoundError):
        storage.read(stored)
    assert storage.backend().partial_size("a" * 32) == 0
    line = db.session.scalar(db.select(AuditEvent).filter_by(action="concept_verwijderd"))
    assert line.application_id == draft_id and line.actor_name == "Loket (automatisch)"
    assert "1 document(en) en 1 onvoltooide upload(s)" in line.detail and "Pieter" not in line.detail


def test_a_draft_changed_after_the_reminder_is_kept_and_reminded_again_later(stale):
    draft, _ = stale
    retention.sweep()
    draft.updated_at = now()
    db.session.commit()
    assert retention.sweep(now() + timedelta(days=8)).removed == []
    later = retention.sweep(now() + timedelta(days=24))
    assert later.reminded == [draft.id]
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 2


def test_submitted_applications_are_never_swept(app, people):
    app.config.update(DRAFT_RETENTION_DAYS=30, DRAFT_REMINDER_DAYS=7)
    dossier = dossiers.submitted(people.bakery, people.els)
    dossier.updated_at = now() - timedelta(days=400)
    db.session.commit()
    assert retention.sweep(now() + timedelta(days=400)) == retention.Swept()


def test_the_sweep_is_a_periodic_job(stale):
    assert periodic.SWEEPS["sweep-draft-retention"] is job.sweep_drafts
    assert job.sweep_drafts() == {"reminded": [stale[0].id], "removed": []}
