"""The VOP rules of portal/domain/vop.py and vop_kinds.py, each test naming the seed it comes from."""

from datetime import date

import pytest

from portal.domain import vop
from portal.domain.quarters import Quarter
from portal.domain.vop_kinds import (
    EXTRA, MOTIVATION, VIABILITY, Grant, availability, extension_availability, extension_opens_on,
    grant_allows, increase_availability, required_documents,
)

ALL_YES = {condition.code: True for condition in vop.CONDITIONS}
ALL_NO = {measure.code: False for measure in vop.NON_CUMULABLE}
TODAY = date(2026, 11, 23)


def grant(state="goedgekeurd", end=None, for_self=False, nn="85073003328", id=1):
    return Grant(id, f"VOP-2026-{id:06d}", nn, "Pieter Wouters", for_self, state, end)


def test_all_conditions_met():
    """seed 001_b28234096fe74925.txt: wage and social security paid, arbeidshandicap, domicile in
    Flanders or Brussels; seed 000_ad5896a634baea1c.txt: only once hired."""
    assert vop.failed_conditions(ALL_YES) == []
    assert vop.conditions_reason(ALL_YES) is None


@pytest.mark.parametrize("code, words", [
    ("loon_sociale_zekerheid", "loon en sociale zekerheid"),
    ("domicilie", "Vlaanderen of Brussel"),
    ("arbeidshandicap", "erkenning aangevraagd hebben volstaat"),
    ("in_dienst", "vanaf het moment dat de werknemer is aangeworven"),
])
def test_each_failing_condition_gives_its_dutch_reason(code, words):
    """seed 001_b28234096fe74925.txt (conditions) and seed 000_ad5896a634baea1c.txt (hired; asking
    VDAB for recognition is enough)."""
    answers = {**ALL_YES, code: False}
    assert [c.code for c in vop.failed_conditions(answers)] == [code]
    assert words in vop.conditions_reason(answers)


def test_unanswered_condition_is_not_met():
    """seed 001_b28234096fe74925.txt: every condition must be met before applying."""
    assert "domicilie" in [c.code for c in vop.failed_conditions({})]


def test_requested_recognition_is_enough():
    """seed 000_ad5896a634baea1c.txt: "De erkenning bij VDAB aangevraagd hebben is voldoende"."""
    question = vop.CONDITIONS_BY_CODE["arbeidshandicap"].question
    assert "of is de erkenning bij VDAB aangevraagd" in question


def test_self_employed_for_themselves_answers_only_domicile_and_handicap():
    """seed 001_b28234096fe74925.txt: a self-employed person may apply for themselves; no wage is
    paid to oneself and nobody is hired."""
    assert [c.code for c in vop.conditions_for(for_self=True)] == ["domicilie", "arbeidshandicap"]
    assert vop.conditions_reason({"domicilie": True, "arbeidshandicap": True}, for_self=True) is None


@pytest.mark.parametrize("hired_on, refused", [
    (date(2026, 11, 24), True),
    (date(2026, 11, 23), False),
    (date(2009, 3, 1), False),  # "ook ... voor een werknemer die al lang in dienst is"
])
def test_application_before_the_hiring_date_is_refused(hired_on, refused):
    """seed 000_ad5896a634baea1c.txt: "pas een aanvraag doen ... vanaf het moment dat de werknemer
    is aangeworven"; also for someone employed for years."""
    reason = vop.hiring_reason(hired_on, TODAY)
    assert (reason is not None) == refused
    if refused:
        assert "24/11/2026" in reason


def test_no_dismissal_declaration():
    """seed 001_b28234096fe74925.txt: no dismissal to replace by, or to rehire as, a VOP employee."""
    both = {code: True for code, _text in vop.DECLARATIONS}
    assert vop.dismissal_reason(both) is None
    assert len(vop.DECLARATIONS) == 2
    for code, _text in vop.DECLARATIONS:
        assert vop.dismissal_reason({**both, code: False}) == vop.DISMISSAL_REASON
    assert "opnieuw aan te werven" in vop.DISMISSAL_REASON


def test_the_eight_non_cumulable_measures_are_data():
    """seed 001_b28234096fe74925.txt: "De VOP voor dezelfde werknemer is niet cumuleerbaar met" 1-8."""
    assert len(vop.NON_CUMULABLE) == 8
    assert len({m.code for m in vop.NON_CUMULABLE}) == 8
    labels = " ".join(m.label for m in vop.NON_CUMULABLE)
    for words in ("lokale diensteneconomie", "gesubsidieerde contractuelen", "koninklijk besluit nr. 25",
                  "collectieve inschakeling", "artikel 60, § 7", "invoegbedrijf", "beschutte werkplaats",
                  "sociale werkplaats"):
        assert words in labels


def test_all_no_allows_the_application():
    """seed 001_b28234096fe74925.txt: no cumulation, no reason."""
    assert vop.cumulation_reason(ALL_NO) is None


@pytest.mark.parametrize("measure", vop.NON_CUMULABLE, ids=lambda m: m.code)
def test_any_yes_stops_with_the_reason(measure):
    """seed 001_b28234096fe74925.txt: any of the eight for the same employee stops the application."""
    reason = vop.cumulation_reason({**ALL_NO, measure.code: True})
    assert reason.startswith("De VOP is voor dezelfde werknemer niet cumuleerbaar met")
    assert measure.label in reason


def test_increase_needs_a_base_application():
    """seed 001_b28234096fe74925.txt: "Een verhoogde VOP aanvragen kan pas als er reeds een
    basisaanvraag is ingediend"."""
    refused = increase_availability([], TODAY)
    assert not refused.available and "basisaanvraag" in refused.reason
    assert not increase_availability([grant(state="draft")], TODAY).available
    assert not increase_availability([grant(state="geweigerd")], TODAY).available
    allowed = increase_availability([grant(state="goedgekeurd")], TODAY)
    assert allowed.available and allowed.grants[0].employee_national_number == "85073003328"


@pytest.mark.parametrize("state, end", [
    ("ingediend", None), ("onvolledig", None), ("in_onderzoek", None),
    ("goedgekeurd", date(2026, 11, 22)),  # the grant has ended
])
def test_increase_only_for_a_running_approved_vop(state, end):
    """seed 001_b28234096fe74925.txt, heading "Verhoging of verlenging van goedgekeurde dossiers":
    an increase is about a granted VOP that still runs, not one still being handled."""
    refused = increase_availability([grant(state=state, end=end)], TODAY)
    assert not refused.available and "lopende, goedgekeurde VOP" in refused.reason
    assert not grant_allows("verhoging", grant(state=state, end=end), TODAY)
    both = increase_availability([grant(state=state, end=end, id=1),
                                  grant(end=date(2027, 6, 30), nn="90021512370", id=2)], TODAY)
    assert [g.application_id for g in both.grants] == [2]


def test_increase_never_for_a_self_employed_persons_own_vop():
    """seed 001_b28234096fe74925.txt: "Voor een zelfstandige kan geen verhoging aangevraagd worden"."""
    own = increase_availability([grant(for_self=True)], TODAY)
    assert not own.available and "zelfstandige" in own.reason
    assert "zelfstandige" in increase_availability([], TODAY, self_employed=True).reason
    both = increase_availability([grant(for_self=True, id=1), grant(nn="90021512370", id=2)], TODAY)
    assert [g.application_id for g in both.grants] == [2]


def test_extension_opens_on_the_first_day_of_the_penultimate_quarter():
    """seed 001_b28234096fe74925.txt: "Vanaf het voorlaatste kwartaal van de toekenning"."""
    assert extension_opens_on(date(2027, 6, 30)) == date(2027, 1, 1)
    assert extension_opens_on(date(2027, 3, 31)) == date(2026, 10, 1)
    assert extension_opens_on(date(2028, 2, 15)) == date(2027, 10, 1)


@pytest.mark.parametrize("today, available", [
    (date(2026, 12, 31), False),
    (date(2027, 1, 1), True),
    (date(2027, 6, 30), True),
    (date(2027, 7, 1), False),  # the grant has ended
])
def test_extension_window(today, available):
    """seed 001_b28234096fe74925.txt: from the penultimate quarter of the running grant."""
    result = extension_availability([grant(end=date(2027, 6, 30))], today)
    assert result.available == available


def test_extension_before_its_window_says_from_when():
    """seed 001_b28234096fe74925.txt: the choice says from which date the extension opens."""
    result = extension_availability([grant(end=date(2027, 6, 30))], date(2026, 11, 23))
    assert result.opens_on == date(2027, 1, 1)
    assert "vanaf 01/01/2027" in result.reason


def test_extension_needs_an_approved_grant():
    """seed 001_b28234096fe74925.txt: "behoud van de VOP": only a granted VOP can be extended."""
    assert not extension_availability([], TODAY).available
    assert not extension_availability([grant(state="ingediend")], TODAY).available


def test_availability_of_every_kind():
    """seed 001_b28234096fe74925.txt: basis always; verhoging and verlenging with their reasons."""
    kinds = availability([], TODAY)
    assert list(kinds) == ["basis", "verhoging", "verlenging"]
    assert kinds["basis"].available and not kinds["verhoging"].available
    assert grant_allows("verhoging", grant(), TODAY)
    assert not grant_allows("verlenging", grant(end=date(2030, 6, 30)), TODAY)


@pytest.mark.parametrize("since, document", [
    (date(2026, 1, 10), "attest_leefbaarheid"),
    (date(2025, 11, 24), "attest_leefbaarheid"),
    (date(2025, 11, 23), "aanslagbiljet"),
    (date(2018, 5, 1), "aanslagbiljet"),
])
def test_viability_proof_depends_on_the_years_self_employed(since, document):
    """seed 001_b28234096fe74925.txt: "Attest op leefbaarheid (indien minder dan 1 jaar zelfstandig)",
    "Laatst ontvangen aanslagbiljet (indien meer dan 1 jaar zelfstandig)"."""
    assert vop.viability_document(since, TODAY) == document


def test_viability_from_29_february():
    """seed 001_b28234096fe74925.txt: one year counted from the start date, leap days too."""
    assert vop.viability_document(date(2024, 2, 29), date(2025, 2, 28)) == "attest_leefbaarheid"
    assert vop.viability_document(date(2024, 2, 29), date(2025, 3, 1)) == "aanslagbiljet"


def test_required_documents_per_kind():
    """seed 001_b28234096fe74925.txt: increase and extension need the motivation document; seed
    002_d614cd7cf29eebab.txt: Word or PDF."""
    assert required_documents("basis", False, None, TODAY) == [EXTRA]
    assert required_documents("verhoging", False, None, TODAY) == [MOTIVATION, EXTRA]
    assert required_documents("verlenging", False, None, TODAY) == [MOTIVATION, EXTRA]
    assert "Word of PDF" in MOTIVATION.hint


def test_required_documents_for_a_self_employed_person_for_themselves():
    """seed 001_b28234096fe74925.txt: the viability proof, chosen from the start date."""
    young = required_documents("basis", True, date(2026, 6, 1), TODAY)
    assert young == [VIABILITY["attest_leefbaarheid"], EXTRA]
    older = required_documents("basis", True, date(2020, 6, 1), TODAY)
    assert older == [VIABILITY["aanslagbiljet"], EXTRA]
    assert "15.000 euro" in older[0].hint


@pytest.mark.parametrize("applied_on, quarter, first_day", [
    (date(2026, 11, 23), Quarter(2026, 4), date(2026, 10, 1)),
    (date(2027, 1, 1), Quarter(2027, 1), date(2027, 1, 1)),
    (date(2027, 3, 31), Quarter(2027, 1), date(2027, 1, 1)),
    (date(2027, 4, 1), Quarter(2027, 2), date(2027, 4, 1)),
])
def test_premium_runs_from_the_quarter_of_application(applied_on, quarter, first_day):
    """seed 001_b28234096fe74925.txt: "niet ... met terugwerkende kracht vanaf de
    indiensttredingsdatum, maar vanaf het kwartaal van aanvraag"."""
    assert vop.premium_start(applied_on) == (quarter, first_day)


def test_vop_flow_steps_and_stops():
    """seed 001_b28234096fe74925.txt: a "yes" to a non-cumulable measure stops the application, and no
    step after it opens; a self-employed person for themselves skips the employee steps."""
    from portal.domain import vop_flow, wizard

    answers = {"voorwaarden": {c.code: "ja" for c in vop.CONDITIONS} | {c: True for c, _ in vop.DECLARATIONS},
               "cumulatie": {**{m.code: "nee" for m in vop.NON_CUMULABLE}, "kb25": "ja"}}
    ctx = wizard.Context("vop", "werkgever", "basis", answers, today=TODAY)
    assert "koninklijk besluit nr. 25" in wizard.stop_reason(vop_flow.FLOW, ctx)
    assert not wizard.may_open(vop_flow.FLOW, ctx, "contact")
    assert wizard.first_open_step(vop_flow.FLOW, ctx).key == "cumulatie"
    own = wizard.Context("vop", "zelfstandige", "basis", {"voor_wie": {"voor_wie": "zichzelf"}}, today=TODAY)
    assert [s.key for s in vop_flow.FLOW.applicable(own)] == [
        "voor_wie", "voorwaarden", "contact", "zelfstandige", "rekening", "documenten"]
    increase = wizard.Context("vop", "werkgever", "verhoging", {}, enterprise_has_account=True, today=TODAY)
    assert [s.key for s in vop_flow.FLOW.applicable(increase)] == [
        "voorwaarden", "cumulatie", "contact", "werknemer", "motivatie", "documenten"]
    assert [r.kind for r in vop_flow.required_documents(increase)] == ["motivatie", "extra"]
