"""The reminders of a dossier's life (portal/services/dossiers/reminders.py), through every periodic
sweep run twice on the same day and delivered to a real SMTP sink: each exactly once. Seeds
001_b28234096fe74925.txt (the VOP's penultimate quarter) and 003_cf4b65171622c691.txt (a 5-year
grant's last year; drafts resumed later; information asked). The date rules are unit-tested in
tests/test_dossier_life_rules.py."""

from collections import Counter
from datetime import date, datetime

from jobs import periodic
from portal.extensions import db
from portal.models import Application, InformationRequest
from tests import dossiers

NUMBERS = ["90021512370", "79052602785", "68010199953", "01010100131", "92030412345", "88062030119"]


def _sweep_twice():
    for _ in range(2):
        for sweep in periodic.SWEEPS.values():
            sweep()


def _setting(people):
    bakery, els = people.bakery, people.els
    numbers = iter(NUMBERS)
    vop = dossiers.approved(bakery, els, date(2025, 10, 1), date(2027, 9, 30), measure="vop", premie=None,
                            national_number=next(numbers), name="Lotte Vermeulen", email="vop@bakkerij.test")
    im = dossiers.approved(bakery, els, date(2022, 10, 1), date(2027, 9, 30), national_number=next(numbers),
                           name="Sara Amrani", email="im@bakkerij.test")
    left = dossiers.approved(bakery, els, date(2025, 10, 1), date(2027, 9, 30), measure="vop", premie=None,
                             national_number=next(numbers), name="Marc Dubois", email="left@bakkerij.test")
    left.dossier.left_service_on = date(2027, 2, 1)
    left.dossier.end = date(2027, 3, 31)
    draft = dossiers.draft(bakery, els, national_number=next(numbers), name="Youssef Benali", email="draft@bakkerij.test")
    draft.updated_at = datetime(2027, 3, 20, 9)
    asked = dossiers.submitted(bakery, els, national_number=next(numbers), name="Pieter Wouters", email="info@bakkerij.test")
    asked.state = "onvolledig"
    db.session.add(InformationRequest(application_id=asked.id, enterprise_id=bakery.id, question="Bezorg het arbeidscontract.",
                                      asked_by_id=people.sofie.id, asked_at=datetime(2027, 3, 25, 10)))
    db.session.commit()
    return vop, im, draft, asked


def test_every_sweep_twice_sends_each_reminder_once(app, people, smtp_sink, run_jobs):
    app.config["LOKET_TODAY"] = "2026-11-23"
    vop, im, draft, asked = _setting(people)
    app.config["LOKET_TODAY"] = "2027-04-15"
    _sweep_twice()
    run_jobs()
    run_jobs()
    received = Counter((m.recipient, m.subject) for m in smtp_sink())
    assert all(count == 1 for count in received.values()), received
    by_recipient = Counter(m.recipient for m in smtp_sink())
    subjects = {m.recipient: [] for m in smtp_sink()}
    for m in smtp_sink():
        subjects[m.recipient].append(m.subject)
    assert any("eindigt op 30 september 2027" in s for s in subjects["vop@bakkerij.test"])
    assert any("Laatste jaar" in s for s in subjects["im@bakkerij.test"])
    assert [s.strip() for s in subjects["draft@bakkerij.test"]] == ["Uw aanvraag Individueel maatwerk voor Youssef Benali is nog niet ingediend"]
    assert any("wacht op uw antwoord" in s for s in subjects["info@bakkerij.test"])
    assert "left@bakkerij.test" not in by_recipient or not any(
        "eindigt op" in s or "Laatste jaar" in s for s in subjects["left@bakkerij.test"])
    vop_mail = next(m for m in smtp_sink() if "eindigt op" in m.subject)
    assert "aanvraag tot verlenging" in vop_mail.text
    im_mail = next(m for m in smtp_sink() if "Laatste jaar" in m.subject)
    assert "uiterlijk op 30 april 2027" in im_mail.text and f"/dossiers/{im.id}" in im_mail.text
    draft_mail = next(m for m in smtp_sink() if m.recipient == "draft@bakkerij.test")
    assert f"/aanvragen/{draft.id}" in draft_mail.text


def test_a_sweep_after_the_end_date_sends_nothing(app, people, smtp_sink, run_jobs):
    app.config["LOKET_TODAY"] = "2026-11-23"
    _setting(people)
    app.config["LOKET_TODAY"] = "2027-04-15"
    _sweep_twice()
    run_jobs()
    run_jobs()
    sent_before = smtp_sink()
    app.config["LOKET_TODAY"] = "2027-10-01"
    _sweep_twice()
    run_jobs()
    # Only the retention sweep's notice for the draft (a draft, not a dossier) may come now, and
    # staff's daily e-mail digest (it leaves after 07:00 UTC, so it depends on when the test runs).
    def to_the_applicant(messages):
        return [m for m in messages if m.subject != "Uw aanvraag in het WSE-loket is nog niet ingediend"
                and not m.subject.startswith("WSE-loket: e-mails die aandacht vragen")]

    assert len(to_the_applicant(smtp_sink())) == len(to_the_applicant(sent_before))


def test_nothing_before_its_time(app, people, smtp_sink, run_jobs):
    """The VOP's penultimate quarter has not begun; the 5-year grant is not in its last year; the
    draft and the question are 13 days old."""
    app.config["LOKET_TODAY"] = "2026-11-23"
    _setting(people)
    app.config["LOKET_TODAY"] = "2026-09-30"
    from portal.services.dossiers import reminders

    assert reminders.penultimate_quarter() == 0 and reminders.last_year() == 0
    app.config["LOKET_TODAY"] = "2027-04-02"
    assert reminders.untouched_drafts() == 0 and reminders.unanswered_questions() == 0
    assert db.session.scalar(db.select(Application).filter_by(state="draft")) is not None


def test_the_premium_calculation_is_enqueued_at_most_every_ten_minutes(app):
    """The ticker enqueues every sweep each round; the quarterly calculation, which rereads every
    running grant, at most once per INTERVALS seconds (the other sweeps every round)."""
    from portal.queue import get_queue

    queue = get_queue()
    queue.empty()
    periodic.enqueue_all(queue)
    first = set(queue.job_ids)
    queue.empty()
    periodic.enqueue_all(queue)
    second = set(queue.job_ids)
    assert "sweep-premium-calculation" in first and "sweep-premium-calculation" not in second
    assert first - {"sweep-premium-calculation"} == second
    queue.connection.delete("loket:sweep-ran:sweep-premium-calculation")
    periodic.enqueue_all(queue)
    assert "sweep-premium-calculation" in queue.job_ids
    queue.empty()
