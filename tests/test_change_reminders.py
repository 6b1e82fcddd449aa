"""The quarterly reminder to report changes while a premium runs (portal/services/dossiers/followup.py).
Seeds 000_ad5896a634baea1c.txt and 001_b28234096fe74925.txt: the premium is paid each quarter for
the previous one; seed 003_cf4b65171622c691.txt, step 7: "Verandert er iets in uw situatie? Breng
ons op de hoogte". The date rule itself is unit-tested in tests/test_changes.py."""

from datetime import date

import pytest

from jobs import dossiers as jobs
from portal.services.dossiers import followup
from portal.extensions import db
from portal.models import ChangeNotice, OutboxMessage
from tests import dossiers


@pytest.fixture
def setting(people):
    bakery, cleaning, els, jan = people.bakery, people.cleaning, people.els, people.jan
    numbers = iter(["85073003328", "90021512370", "79052602785", "68010199953", "01010100131", "92030412345"])

    def dossier(enterprise, user, email, state="goedgekeurd", decided=date(2026, 8, 14), end=date(2031, 6, 30)):
        application = dossiers.submitted(enterprise, user, national_number=next(numbers), email=email)
        application.state, application.admissibility = state, "ontvankelijk"
        if state == "goedgekeurd":
            application.dossier.begin, application.dossier.end = date(2026, 7, 1), end
            application.dossier.decided_on = decided
        db.session.commit()
        return application

    made = {
        "first": dossier(bakery, els, "els@bakkerij.test"),
        "second": dossier(bakery, els, "Els@Bakkerij.test"),
        "decided_this_quarter": dossier(bakery, els, "els@bakkerij.test", decided=date(2026, 11, 2)),
        "ended": dossier(bakery, els, "els@bakkerij.test", end=date(2026, 9, 30)),
        "open": dossier(bakery, els, "els@bakkerij.test", state="in_onderzoek"),
        "jan": dossier(cleaning, jan, "jan@schoonmaak.test"),
    }
    db.session.add(ChangeNotice(application_id=made["jan"].id, enterprise_id=cleaning.id, kind="contactpersoon",
                                details={"name": "Mira Lenaerts", "email": "mira@schoonmaak.test"},
                                reported_by_id=jan.id))
    db.session.commit()
    return made


def reminders():
    return list(db.session.scalars(db.select(OutboxMessage).filter(
        OutboxMessage.dedupe_key.startswith("herinnering-wijziging:")).order_by(OutboxMessage.id)))


def test_once_per_quarter_one_mail_per_address_listing_its_running_premiums(app, setting):
    assert jobs.sweep_change_reminders() == 2
    els_mail, mira_mail = reminders()
    assert els_mail.recipient == "els@bakkerij.test" and "4de kwartaal 2026" in els_mail.subject
    assert setting["first"].number in els_mail.body_text and setting["second"].number in els_mail.body_text
    for skipped in ("decided_this_quarter", "ended", "open"):
        assert setting[skipped].number not in els_mail.body_text
    assert f"/dossiers/{setting['first'].id}/wijziging" in els_mail.body_text
    assert mira_mail.recipient == "mira@schoonmaak.test" and "Beste Mira Lenaerts" in mira_mail.body_text

    assert followup.send_change_reminders() == 0  # the next round of the same quarter
    assert len(reminders()) == 2

    app.config["LOKET_TODAY"] = "2027-01-04"
    assert followup.send_change_reminders() == 2
    els_next = reminders()[2]
    assert "1ste kwartaal 2027" in els_next.subject
    assert setting["decided_this_quarter"].number in els_next.body_text  # its decision's quarter is over
    assert setting["ended"].number not in els_next.body_text


def test_a_dossier_that_becomes_due_later_in_the_quarter_gets_its_own_mail(app, setting):
    followup.send_change_reminders()
    late = setting["open"]
    late.state = "goedgekeurd"
    late.dossier.begin, late.dossier.end, late.dossier.decided_on = date(2026, 7, 1), date(2028, 6, 30), date(2026, 9, 1)
    db.session.commit()
    assert followup.send_change_reminders() == 1
    mail = reminders()[-1]
    assert late.number in mail.body_text and setting["first"].number not in mail.body_text


def test_the_reminder_gives_each_dossier_its_own_measures_payment_rule_and_changes(app, people):
    """Seeds 000_ad5896a634baea1c.txt and 001_b28234096fe74925.txt: the VOP is paid each quarter for
    the previous quarter; seed 003_cf4b65171622c691.txt (stap 6): individueel maatwerk in the fourth
    month after the quarter of employment; a guide or colleague-coach only with the
    begeleidingspremie (stap 7). One address with a dossier of each gets each rule once."""
    made = []
    for number, measure, premie in (("85073003328", "vop", None), ("90021512370", "im", "loonpremie")):
        application = dossiers.submitted(people.bakery, people.els, national_number=number, email="els@bakkerij.test",
                                         measure=measure, premie=premie)
        application.state, application.admissibility = "goedgekeurd", "ontvankelijk"
        application.dossier.begin, application.dossier.end = date(2026, 7, 1), date(2031, 6, 30)
        application.dossier.decided_on = date(2026, 8, 14)
        made.append(application)
    db.session.commit()
    assert followup.send_change_reminders() == 1
    for body in (reminders()[0].body_text, reminders()[0].body_html):
        assert "vorige kwartaal" in body and "vierde maand na het kwartaal" in body
        assert "collega-coach" not in body and "begeleider" not in body
        assert "uit dienst" in body and "rekeningnummer" in body
