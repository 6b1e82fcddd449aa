"""Submission to admissibility with real RQ jobs (burst worker, real Redis) and a real SMTP server."""

from datetime import date, datetime

import pytest

from jobs import dossiers as admissibility_jobs
from portal.services.dossiers import admissibility
from portal.extensions import db
from portal.models import Application, DossierEvent, OutboxMessage
from portal.queue import enqueue, get_queue
from portal.sources import SourceUnavailable, local
from tests import dossiers


@pytest.fixture
def els(make):
    bakery = make.enterprise("Bakkerij Peeters NV", "0403170701")
    return bakery, make.user("els", enterprise=bakery, rights=("im", "vop"))


def test_submit_sends_confirmation_and_admissibility_once_each(app, els, smtp_sink, run_jobs):
    """seed 003_cf4b65171622c691.txt: confirmation, then within 7 days whether it is admissible."""
    dossiers.reference()
    application = dossiers.submitted(*els)
    assert smtp_sink() == []  # nothing leaves inside the request
    run_jobs()
    run_jobs()  # the delivery jobs the admissibility job queued
    received = sorted(m.subject for m in smtp_sink())
    assert received == [f"Uw aanvraag {application.number} is ontvankelijk",
                        f"Wij ontvingen uw aanvraag {application.number} (Individueel maatwerk)"]
    assert {m.recipient for m in smtp_sink()} == {"contact@bedrijf.test"}
    db.session.refresh(application)
    assert (application.state, application.admissibility) == ("in_onderzoek", "ontvankelijk")
    # Running everything again sends nothing new.
    assert admissibility_jobs.check(application.id) == "not-needed"
    enqueue(get_queue(), "admissibility", application.id)
    run_jobs()
    run_jobs()
    assert len(smtp_sink()) == 2
    assert db.session.query(OutboxMessage).count() == 2


def test_not_admissible_notice_lists_the_reason_and_a_new_application(app, els, smtp_sink, run_jobs):
    """seed 003_cf4b65171622c691.txt: the premium choice differs from VDAB's need."""
    dossiers.reference()
    application = dossiers.submitted(*els, premie="loonpremie_begeleiding")
    run_jobs()
    run_jobs()
    notice = next(m for m in smtp_sink() if "niet ontvankelijk" in m.subject)
    assert "komt niet overeen met de behoefte die VDAB vaststelde" in notice.text
    assert "U kunt een nieuwe aanvraag indienen" in notice.text
    db.session.refresh(application)
    assert (application.state, application.admissibility) == ("ingediend", "niet_ontvankelijk")


class DownVdab(local.LocalVdab):
    def person(self, national_number):
        raise SourceUnavailable("vdab", "time-out")


def test_a_source_that_does_not_answer_leaves_the_dossier_waiting(app, els, run_jobs):
    """Reliability: an unreachable source never makes a dossier not admissible; the sweep retries."""
    dossiers.reference()
    sources = local.sources()
    sources.vdab = DownVdab()
    app.extensions["loket_sources"] = sources
    application = dossiers.submitted(*els)
    run_jobs()
    db.session.refresh(application)
    assert application.admissibility is None and application.state == "ingediend"
    assert application.dossier.next_check_at is not None
    assert db.session.query(OutboxMessage).count() == 1  # only the confirmation
    assert admissibility.due_for_check() == []  # not yet due
    application.dossier.next_check_at = datetime(2000, 1, 1)
    db.session.commit()
    del app.extensions["loket_sources"]
    assert admissibility_jobs.sweep_checks() == 1
    run_jobs()
    db.session.refresh(application)
    assert application.admissibility == "ontvankelijk"
    actions = [e.action for e in db.session.query(DossierEvent).order_by(DossierEvent.id)]
    assert actions == ["ingediend", "bron_onbereikbaar", "ontvankelijk_verklaren"]


def test_vop_four_month_notice_goes_out_once(app, els, run_jobs):
    """seed 001_b28234096fe74925.txt: VDAB not finished within 4 months after admissibility."""
    dossiers.reference(handicap="aangevraagd", status_date=date(2026, 9, 1))
    app.config["LOKET_TODAY"] = "2026-07-01"
    application = dossiers.submitted(*els, measure="vop", premie=None)
    run_jobs()
    db.session.refresh(application)
    assert application.dossier.waiting_for_vdab and application.dossier.admissibility_on == date(2026, 7, 1)
    app.config["LOKET_TODAY"] = "2026-10-31"
    assert admissibility_jobs.sweep_vdab_notices() == 0
    app.config["LOKET_TODAY"] = "2026-11-01"
    assert admissibility_jobs.sweep_vdab_notices() == 1
    assert admissibility_jobs.sweep_vdab_notices() == 0
    keys = [m.dedupe_key for m in db.session.query(OutboxMessage)]
    assert f"dossier:{application.id}:vdab-4-maanden" in keys


def test_lost_check_is_found_by_the_sweep(app, els):
    """A check enqueued while Redis was down is picked up once the dossier is 10 minutes old."""
    dossiers.reference()
    application = dossiers.submitted(*els)
    application.submitted_at = datetime(2026, 1, 1)
    db.session.commit()
    assert admissibility.due_for_check() == [application.id]
    assert db.session.get(Application, application.id).dossier.check_attempts == 0
