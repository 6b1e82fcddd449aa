"""The approval e-mail tells each measure's own payment rule and its own changes to report: seed
003_cf4b65171622c691.txt (individueel maatwerk: fourth month after the quarter of employment,
'Berekeningen'; coach and guide with the begeleidingspremie) and seeds 000_ad5896a634baea1c.txt and
001_b28234096fe74925.txt (VOP: paid each quarter for the previous quarter)."""

from datetime import date

from portal.domain.measures import get_measure
from portal.extensions import db
from portal.models import OutboxMessage
from portal.services.dossiers import actions
from tests import dossiers


def test_each_measure_has_its_own_payment_rule():
    """seed 003_cf4b65171622c691.txt (stap 6) and seeds 000_ad5896a634baea1c.txt, 001_b28234096fe74925.txt."""
    assert "vierde maand na het kwartaal van tewerkstelling" in get_measure("im").payment
    assert "Berekeningen" in get_measure("im").payment
    vop = get_measure("vop").payment
    assert "elk kwartaal" in vop and "vorige kwartaal" in vop
    assert "vierde maand" not in vop and "Berekeningen" not in vop


def _approved_mail(people, **kwargs):
    application = dossiers.submitted(people.bakery, people.els, **kwargs)
    application.state, application.admissibility = "in_onderzoek", "ontvankelijk"
    db.session.commit()
    actions.approve(application, people.sofie, 40, date(2026, 10, 1), date(2028, 9, 30), None)
    return db.session.scalar(db.select(OutboxMessage).filter_by(dedupe_key=f"dossier:{application.id}:beslissing"))


def test_the_vop_approval_mail_tells_the_vop_payment_rule_and_no_coach_or_guide(people):
    """seeds 000_ad5896a634baea1c.txt and 001_b28234096fe74925.txt: paid each quarter, for the
    previous quarter; a VOP has no guide or colleague-coach to change."""
    mail = _approved_mail(people, measure="vop", premie=None, national_number="90021512370", name="An Claes")
    for body in (mail.body_text, mail.body_html):
        assert "telkens voor het" in body and "vorige kwartaal" in body
        assert "vierde maand" not in body and "Berekeningen" not in body
        assert "coach" not in body and "begeleider" not in body
        assert "de werknemer treedt uit dienst" in body


def test_the_individueel_maatwerk_approval_mail_tells_its_payment_rule_and_its_changes(people):
    """seed 003_cf4b65171622c691.txt: paid in the fourth month after the quarter of employment,
    calculation under 'Berekeningen'; with the begeleidingspremie the coach or guide may change."""
    with_guidance = _approved_mail(people, premie="loonpremie_begeleiding")
    plain = _approved_mail(people, premie="loonpremie", national_number="90021512370", name="An Claes")
    for body in (with_guidance.body_text, with_guidance.body_html):
        assert "vierde maand na het kwartaal van tewerkstelling" in body and "Berekeningen" in body
        assert "collega-coach of begeleider" in body
    for body in (plain.body_text, plain.body_html):
        assert "vierde maand na het kwartaal van tewerkstelling" in body
        assert "collega-coach" not in body
