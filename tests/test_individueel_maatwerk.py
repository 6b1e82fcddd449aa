"""Individueel maatwerk rules, from seed 003_cf4b65171622c691.txt ("Stap 4: Vul het aanvraagformulier in")."""

from datetime import date

from portal.domain import individueel_maatwerk as im
from portal.domain import wizard
from portal.domain.wizard import Context


def ctx(applicant="werkgever", has_account=False, documents=(), **answers):
    return Context(measure="im", applicant_type=applicant, answers=answers,
                   enterprise_has_account=has_account, documents=frozenset(documents))


def keys(context):
    return [step.key for step in im.FLOW.applicable(context)]


def test_contact_details_are_asked_first():
    # 003: "Voer daarbij eerst de contactgegevens in"
    for applicant in ("werkgever", "school", "zelfstandige"):
        assert keys(ctx(applicant))[0] == "contact"


def test_employer_with_loonpremie_has_no_guidance_step_and_no_extra_proof():
    # 003: "Bij een aanvraag voor loonpremie hoeft u geen extra bewijzen toe te voegen."
    context = ctx(premie={"premie": "loonpremie"})
    assert keys(context) == ["contact", "werknemer", "premie", "rekening", "documenten"]
    assert [r.kind for r in im.required_documents(context) if r.required] == []


def test_guidance_asks_guide_and_coach_and_an_internal_guide_needs_proof():
    # 003: "geeft u de naam van de gekwalificeerde begeleider en collega-coach door. Bij een interne
    # gekwalificeerde begeleider ... voegt u het bewijs toe"
    context = ctx(premie={"premie": "loonpremie_begeleiding"}, begeleiding={"guide_type": "intern"})
    assert "begeleiding" in keys(context)
    assert [r.kind for r in im.required_documents(context) if r.required] == ["kwalificatie"]


def test_a_recognised_service_provider_needs_no_qualification_proof():
    # 003: "Als alternatief voor de interne begeleider kunt u ook uit de lijst van erkende dienstverleners kiezen."
    context = ctx(premie={"premie": "loonpremie_begeleiding"}, begeleiding={"guide_type": "dienstverlener"})
    assert [r.kind for r in im.required_documents(context) if r.required] == []


def test_self_employed_ask_the_support_premium_and_prove_business_activity():
    # 003: "Als zelfstandige vraagt u een ondersteuningspremie aan ... Voeg ook een bewijs van voldoende bedrijfsactiviteiten toe"
    context = ctx("zelfstandige")
    assert keys(context) == ["contact", "zelfstandige", "ondersteuning", "rekening", "documenten"]
    assert [r.kind for r in im.required_documents(context) if r.required] == ["bedrijfsactiviteit"]


def test_school_answers_the_onderwijs_question_in_the_premium_step():
    # 003: "duid dan in één van de schermen aan of uw medewerker tewerkgesteld is via het Departement Onderwijs"
    assert "premie" in keys(ctx("school"))


def test_bank_account_only_on_the_first_application():
    # 003: "U geeft enkel bij de eerste aanvraag voor uw onderneming het rekeningnummer in."
    assert "rekening" in keys(ctx(has_account=False))
    assert "rekening" not in keys(ctx(has_account=True))


def test_documents_step_is_done_only_with_the_required_documents():
    base = {"premie": {"premie": "loonpremie_begeleiding"}, "begeleiding": {"guide_type": "intern"}}
    step = im.FLOW.get("documenten")
    assert not wizard.is_done(step, ctx(**base))
    assert wizard.is_done(step, ctx(documents=["kwalificatie"], **base))
    assert wizard.is_done(step, ctx(premie={"premie": "loonpremie"}))


TODAY = date(2026, 11, 23)


def existing(id_, state="ingediend", admissibility=None, nn="85073003328", measure="im", end=None,
             payment_continues=False):
    return im.ExistingApplication(id_, measure, state, admissibility, nn, end, payment_continues)


def test_one_application_per_employee():
    # 003: "Vul voor elke werknemer waarvoor u individueel maatwerk wilt aanvragen, een nieuwe aanvraag in."
    assert im.blocking_application("85073003328", "im", [existing(1)], TODAY).id == 1
    assert im.blocking_application("85073003328", "im", [existing(1, state="draft")], TODAY).id == 1
    assert im.blocking_application("90021512370", "im", [existing(1)], TODAY) is None


def test_a_refused_or_not_admissible_application_does_not_block_a_new_one():
    # 003: "U kan een nieuwe aanvraag indienen met de juiste keuze."
    assert im.blocking_application("85073003328", "im", [existing(1, admissibility="niet_ontvankelijk")], TODAY) is None
    assert im.blocking_application("85073003328", "im", [existing(1, state="geweigerd")], TODAY) is None


def test_the_application_itself_and_other_measures_do_not_block():
    assert im.blocking_application("85073003328", "im", [existing(7)], TODAY, current_id=7) is None
    assert im.blocking_application("85073003328", "im", [existing(1, measure="vop")], TODAY) is None


def test_an_approved_grant_blocks_only_while_it_runs():
    """seed 003_cf4b65171622c691.txt: "U moet in dit geval een nieuwe aanvraag indienen na het
    verlopen van de VOP van bepaalde duur": a grant whose end date has passed blocks nothing; one
    that runs (its last day included) still does. The same for individueel maatwerk and VOP."""
    for measure in ("im", "vop"):
        running = existing(1, state="goedgekeurd", admissibility="ontvankelijk", measure=measure, end=TODAY)
        ended = existing(1, state="goedgekeurd", admissibility="ontvankelijk", measure=measure,
                         end=date(2026, 11, 22))
        assert im.blocking_application("85073003328", measure, [running], TODAY).id == 1
        assert im.blocking_application("85073003328", measure, [ended], TODAY) is None
    assert im.grant_has_ended("goedgekeurd", date(2026, 11, 22), TODAY)
    assert not im.grant_has_ended("goedgekeurd", None, TODAY)
    assert not im.grant_has_ended("geweigerd", date(2020, 1, 1), TODAY)


def test_a_grant_paid_on_after_its_end_for_an_evaluation_still_blocks():
    """seed 003_cf4b65171622c691.txt, "Hoe verloopt een aanvraag tot evaluatie?": "zal de premie verder
    betaald worden, op voorwaarde dat u uiterlijk 5 maanden voor het einde van de duurtijd van de premie
    een ontvankelijke aanvraag hebt ingediend". While it is paid on the grant still runs, so a new
    application for the same employee and measure stays blocked; once the department decided (the
    premium no longer paid on), the passed end date counts again."""
    for measure in ("im", "vop"):
        ended = existing(1, state="goedgekeurd", admissibility="ontvankelijk", measure=measure, end=date(2026, 9, 30))
        paid_on = existing(1, state="goedgekeurd", admissibility="ontvankelijk", measure=measure,
                           end=date(2026, 9, 30), payment_continues=True)
        assert im.blocking_application("85073003328", measure, [paid_on], TODAY).id == 1
        assert im.blocking_application("85073003328", measure, [ended], TODAY) is None
        assert im.blocking_application("90021512370", measure, [paid_on], TODAY) is None


def test_masked_iban():
    assert im.mask_iban("BE71 0961 2345 6769") == "BE71 •••• •••• 6769"
