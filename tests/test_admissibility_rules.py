"""Admissibility rules, the 7-day term and the VOP's wait for VDAB, with today injected."""

from datetime import date

import pytest

from portal.domain import admissibility as r

APPLIED = date(2026, 11, 23)
WORKING = (r.Period(date(2025, 3, 1)),)


def facts(**kw):
    base = dict(measure="im", applicant_type="werkgever", applied_on=APPLIED, premium="loonpremie",
                vdab=r.VdabFacts("loonpremie", 5, "WOP 3"), dimona=WORKING)
    base.update(kw)
    return r.Facts(**base)


def test_premium_matching_vdab_need_with_dimona_is_admissible():
    """seed 003_cf4b65171622c691.txt: the choice matches VDAB's need, employment in Dimona."""
    outcome = r.assess(facts(), APPLIED)
    assert outcome.admissible and outcome.reasons == ()
    assert {c.source for c in outcome.checks} == {"vdab", "rsz"} and all(c.ok for c in outcome.checks)


def test_premium_choice_differing_from_vdab_need_is_not_admissible():
    """seed 003_cf4b65171622c691.txt: a new application with the right choice is possible."""
    outcome = r.assess(facts(premium="loonpremie_begeleiding"), APPLIED)
    assert not outcome.admissible
    assert "komt niet overeen met de behoefte die VDAB vaststelde (loonpremie)" in outcome.reasons[0]
    assert "nieuwe aanvraag" in outcome.reasons[0]


@pytest.mark.parametrize("vdab", [None, r.VdabFacts("geen")])
def test_no_need_established_by_vdab_is_not_admissible(vdab):
    """seed 003_cf4b65171622c691.txt: VDAB has not (yet) established a need."""
    outcome = r.assess(facts(vdab=vdab), APPLIED)
    assert not outcome.admissible and "(nog) geen geldige behoefte" in outcome.reasons[0]


@pytest.mark.parametrize("dimona", [(), (r.Period(date(2020, 1, 1), date(2026, 6, 30)),), (r.Period(date(2026, 12, 1)),)])
def test_no_employment_in_dimona_on_the_application_date_is_not_admissible(dimona):
    """seed 003_cf4b65171622c691.txt: apply only during employment (Dimona at the application date)."""
    outcome = r.assess(facts(dimona=dimona), APPLIED)
    assert not outcome.admissible and "Dimona" in outcome.reasons[0] and "23/11/2026" in outcome.reasons[0]


def test_every_reason_is_listed():
    """seed 001_b28234096fe74925.txt: the notice gives the reasons (all of them)."""
    outcome = r.assess(facts(premium="loonpremie_begeleiding", dimona=()), APPLIED)
    assert len(outcome.reasons) == 2


def test_school_through_onderwijs_is_checked_against_onderwijs_not_dimona():
    """seed 003_cf4b65171622c691.txt: employment through the Departement Onderwijs decides admissibility."""
    school = dict(applicant_type="school", via_onderwijs=True, dimona=())
    assert r.assess(facts(onderwijs=WORKING, **school), APPLIED).admissible
    outcome = r.assess(facts(onderwijs=(), **school), APPLIED)
    assert not outcome.admissible and "Departement Onderwijs" in outcome.reasons[0]
    assert r.assess(facts(applicant_type="school", via_onderwijs=False), APPLIED).admissible


def test_self_employed_for_themselves_needs_a_vdab_need_but_no_dimona():
    """seed 003_cf4b65171622c691.txt: the self-employed ask the ondersteuningspremie."""
    assert r.assess(facts(applicant_type="zelfstandige", for_self=True, premium=None, dimona=()), APPLIED).admissible


def vop(status, when=None, dimona=WORKING):
    return facts(measure="vop", premium=None, vdab=r.VdabFacts(None, handicap_status=status, status_date=when) if status else None,
                 dimona=dimona)


def test_vop_recognised_handicap_is_admissible_and_not_waiting():
    """seed 000_ad5896a634baea1c.txt: a handicap recognised by VDAB."""
    outcome = r.assess(vop("erkend"), APPLIED)
    assert outcome.admissible and not outcome.waiting_for_vdab


def test_vop_requested_recognition_is_enough_to_apply_and_waits_for_vdab():
    """seed 000_ad5896a634baea1c.txt: having asked VDAB for recognition is enough to apply."""
    outcome = r.assess(vop("aangevraagd"), APPLIED)
    assert outcome.admissible and outcome.waiting_for_vdab and not outcome.vdab_unknown


def test_vop_unknown_to_vdab_is_told_and_waits():
    """seed 001_b28234096fe74925.txt: not yet known at VDAB: the employer is told, the file waits."""
    outcome = r.assess(vop(None), APPLIED)
    assert outcome.admissible and outcome.waiting_for_vdab and outcome.vdab_unknown


def test_vop_refused_recently_proposes_refusal_with_reconsideration():
    """seed 001_b28234096fe74925.txt: refused right means refused application; after 6 months ask VDAB again."""
    outcome = r.assess(vop("geweigerd", date(2026, 9, 1)), APPLIED)
    assert outcome.refusal_reason and "vanaf 01/03/2027" in outcome.refusal_reason and "45 dagen" in outcome.refusal_reason


def test_vop_refused_more_than_six_months_ago_may_ask_vdab_again():
    """seed 001_b28234096fe74925.txt: refused more than six months ago: the employee may apply at VDAB again."""
    outcome = r.assess(vop("geweigerd", date(2026, 3, 1)), APPLIED)
    assert "meer dan zes maanden oud" in outcome.refusal_reason


def test_vop_without_dimona_is_not_admissible():
    """seed 001_b28234096fe74925.txt: the department checks the employment relation in DIMONA or ARZA."""
    assert not r.assess(vop("erkend", dimona=()), APPLIED).admissible


def test_seven_day_term_and_its_suspension():
    """seed 001_b28234096fe74925.txt: 7 calendar days, suspended while information is awaited."""
    received = date(2026, 11, 2)
    assert r.admissibility_deadline(received, 0, None, date(2026, 11, 3)) == date(2026, 11, 9)
    # asked on the 4th, still waiting on the 10th: 6 days of suspension so far
    assert r.admissibility_deadline(received, 0, date(2026, 11, 4), date(2026, 11, 10)) == date(2026, 11, 15)
    # answered after 3 days of waiting
    deadline = r.admissibility_deadline(received, 3, None, date(2026, 11, 20))
    assert deadline == date(2026, 11, 12) and r.days_left(deadline, date(2026, 11, 20)) == -8


def test_individueel_maatwerk_is_decided_within_30_days():
    """seed 003_cf4b65171622c691.txt: "Uw dossier wordt binnen 30 dagen behandeld"; counted from
    receipt and, like the 7-day term, suspended while information is awaited. No such term for the VOP."""
    received = date(2026, 11, 2)
    assert r.processing_deadline("im", received, 0, None, date(2026, 11, 3)) == date(2026, 12, 2)
    assert r.processing_deadline("im", received, 3, None, date(2026, 11, 20)) == date(2026, 12, 5)
    assert r.processing_deadline("im", received, 0, date(2026, 11, 4), date(2026, 11, 10)) == date(2026, 12, 8)
    assert r.processing_deadline("vop", received, 0, None, date(2026, 11, 3)) is None


def test_an_evaluation_request_is_decided_within_120_days_of_receipt():
    """seed 003_cf4b65171622c691.txt, "Evaluatie aanvragen": "Is uw aanvraag ontvankelijk? Dan wordt
    uw dossier binnen 120 dagen behandeld", VDAB evaluating within those days (domain.md's "120 days
    after VDAB's evaluation" reads more into it; the seed wins). For the "evalueren" request and for
    a new individueel-maatwerk application marked as VOP evaluation alike, not the 30 days of a first
    application; from receipt, suspended while information is awaited."""
    assert r.decision_term("im", "nieuw") == 30
    assert r.decision_term("im", "nieuw", vop_evaluation=True) == r.decision_term("im", "evaluatie") == 120
    assert r.decision_term("vop", "nieuw") is None and r.decision_term("vop", "heroverweging") is None
    received, today = date(2026, 11, 2), date(2027, 1, 20)
    assert r.processing_deadline("im", received, 0, None, today, "nieuw", vop_evaluation=True) == date(2027, 3, 2)
    assert r.processing_deadline("im", received, 0, None, today, "evaluatie") == date(2027, 3, 2)
    assert r.processing_deadline("im", received, 3, None, today, "evaluatie") == date(2027, 3, 5)
    assert r.processing_deadline("im", received, 0, date(2027, 1, 15), today, "evaluatie") == date(2027, 3, 7)
    assert r.processing_deadline("im", received, 0, None, today, "nieuw") == date(2026, 12, 2)


def test_vop_four_month_notice():
    """seed 001_b28234096fe74925.txt: VDAB not finished within four months after admissibility."""
    admitted = date(2026, 7, 31)
    assert not r.vdab_notice_due(admitted, "aangevraagd", date(2026, 11, 29))
    assert r.vdab_notice_due(admitted, "aangevraagd", date(2026, 11, 30))
    assert r.vdab_notice_due(admitted, None, date(2027, 1, 1))
    assert not r.vdab_notice_due(admitted, "erkend", date(2027, 1, 1))
    assert not r.vdab_notice_due(None, "aangevraagd", date(2027, 1, 1))


def test_add_months_clamps_to_the_end_of_the_month():
    assert r.add_months(date(2026, 10, 31), 4) == date(2027, 2, 28)
    assert r.add_months(date(2026, 3, 15), -4) == date(2025, 11, 15)
