"""Evaluation requests on a running individueel-maatwerk dossier (seed 003_cf4b65171622c691.txt,
"Evaluatie aanvragen"), through the test client without JavaScript; today is 23 November 2026."""

import io
from datetime import date

import pytest

from portal.extensions import db
from portal.models import Application, Document, OutboxMessage
from tests import dossiers

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def running(people):
    dossiers.reference()
    return dossiers.approved(people.bakery, people.els, date(2025, 10, 1), date(2030, 9, 30))


def test_the_button_shows_when_allowed_and_the_page_says_why_not_otherwise(client, auth, running):
    """seed 003: height from the second year; duration from the last year, with its date."""
    auth.login("els")
    page = client.get(f"/dossiers/{running.id}").get_data(as_text=True)
    assert "Evalueren" in page
    assert "vanaf het laatste jaar van de premie: vanaf 01/10/2029" in page


def test_a_two_year_grant_has_no_button(client, auth, people):
    """seed 003: "een premie(s) individueel maatwerk voor 2 jaar" cannot be evaluated."""
    dossiers.reference()
    application = dossiers.approved(people.bakery, people.els, date(2025, 10, 1), date(2027, 9, 30))
    auth.login("els")
    page = client.get(f"/dossiers/{application.id}").get_data(as_text=True)
    assert ">Evalueren<" not in page and "voor 2 jaar kan niet geëvalueerd worden" in page
    assert client.get(f"/dossiers/{application.id}/evaluatie").status_code == 303


def test_an_evaluation_request_needs_its_report_and_keeps_what_was_typed(client, auth, running):
    """seed 003: "voegt u een motivatieverslag ... toe"; a Dutch error next to the field."""
    auth.login("els")
    response = client.post(f"/dossiers/{running.id}/evaluatie", data={"kind": "hoogte", "motivation": "Meer begeleiding nodig"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Voeg het document toe: motivatieverslag (voor werkgevers)." in page
    assert "Meer begeleiding nodig" in page
    assert db.session.scalar(db.select(Application).filter_by(kind="evaluatie")) is None


def test_filing_and_deciding_a_height_evaluation(client, auth, running, people):
    """seed 003: staff judge it (7 days; 120 days to decide), and a changed height begins on the first
    day of the quarter of the decision, ending the running grant the day before."""
    auth.login("els")
    response = client.post(f"/dossiers/{running.id}/evaluatie", data={
        "kind": "hoogte", "motivation": "Meer begeleiding nodig",
        "motivatieverslag": (io.BytesIO(PDF), "motivatieverslag.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 303
    child = db.session.scalar(db.select(Application).filter_by(kind="evaluatie"))
    assert child.parent_id == running.id and child.state == "ingediend" and child.measure == "im"
    assert [d.kind for d in db.session.scalars(db.select(Document).filter_by(application_id=child.id))] == ["motivatieverslag"]
    assert db.session.scalar(db.select(OutboxMessage).filter_by(dedupe_key=f"dossier:{child.id}:ontvangen"))
    page = client.get(f"/dossiers/{running.id}").get_data(as_text=True)
    assert child.number in page and "loopt al een aanvraag tot evaluatie" in page
    assert "Meld een wijziging" not in client.get(f"/dossiers/{child.id}").get_data(as_text=True)
    client.post("/afmelden")
    auth.login("sofie")
    queue = client.get("/backoffice/dossiers/").get_data(as_text=True)
    assert child.number in queue and "Evaluatie" in queue and "23 maart 2027" in queue  # 23/11/2026 + 120 days
    client.post(f"/backoffice/dossiers/{child.id}/ontvankelijk", data={"note": ""})
    refused = client.post(f"/backoffice/dossiers/{child.id}/goedkeuren", data={
        "percentage": "45", "begin": "2027-01-01", "end": "2031-09-30"})
    assert refused.status_code == 422 and "eerste dag van het kwartaal van de beslissing: 01/10/2026" in refused.get_data(as_text=True)
    client.post(f"/backoffice/dossiers/{child.id}/goedkeuren", data={
        "percentage": "45", "begin": "2026-10-01", "end": "2031-09-30"})
    db.session.expire_all()
    assert child.state == "goedgekeurd" and child.dossier.vdab_evaluated_on == date(2026, 11, 23)
    assert running.dossier.end == date(2026, 9, 30)


def test_another_enterprise_cannot_ask_an_evaluation(client, auth, running):
    """Every query is scoped to the acting enterprise: 404."""
    auth.login("jan")
    assert client.get(f"/dossiers/{running.id}/evaluatie").status_code == 404
    assert client.post(f"/dossiers/{running.id}/evaluatie", data={"kind": "hoogte"}).status_code == 404


def duration_evaluation_filed_in_time(app, client, auth, people, state: str) -> tuple[Application, Application]:
    """A five-year grant ending on 30 September 2026 and the duration evaluation els filed about it on
    2 March 2026, more than 5 months before the end (in time, seed 003); admissible, in this state.
    Today is 23 November 2026 again, after the grant's end. The grant and its evaluation."""
    dossiers.reference()
    parent = dossiers.approved(people.bakery, people.els, date(2021, 10, 1), date(2026, 9, 30))
    app.config["LOKET_TODAY"] = "2026-03-02"
    auth.login("els")
    filed = client.post(f"/dossiers/{parent.id}/evaluatie", data={
        "kind": "duur", "motivatieverslag": (io.BytesIO(PDF), "verslag.pdf")}, content_type="multipart/form-data")
    assert filed.status_code == 303
    evaluation = db.session.scalar(db.select(Application).filter_by(kind="evaluatie", parent_id=parent.id))
    evaluation.admissibility, evaluation.state = "ontvankelijk", state
    db.session.commit()
    app.config["LOKET_TODAY"] = "2026-11-23"
    return parent, evaluation


def test_payment_continues_after_the_end_for_a_request_filed_in_time(app, client, auth, people):
    """seed 003: "zal de premie verder betaald worden, op voorwaarde dat u uiterlijk 5 maanden voor het
    einde ... een ontvankelijke aanvraag hebt ingediend"."""
    parent, _ = duration_evaluation_filed_in_time(app, client, auth, people, "in_onderzoek")
    page = client.get(f"/dossiers/{parent.id}").get_data(as_text=True)
    assert "de premie wordt verder betaald" in page and "Beëindigd" not in page
    assert "Beëindigd" not in client.get("/dossiers/").get_data(as_text=True)
    client.post("/afmelden")
    auth.login("sofie")
    assert "Beëindigd" not in client.get("/backoffice/dossiers/").get_data(as_text=True)  # the Werkbak, same rule


EMPLOYEE = {"national_number": "85.07.30-033.28", "first_name": "Pieter", "last_name": "Wouters",
            "start_date": "2025-03-01", "street": "Bruul 12", "postcode": "2800", "municipality": "Mechelen",
            "hours": "38"}
CONTACT = {"name": "Els Peeters", "email": "els@bakkerij-peeters.be", "phone": "015 12 34 56"}


def refused_at_the_employee_step(client) -> tuple[int, str]:
    """Start a new individueel-maatwerk application for EMPLOYEE: its Werknemer step is refused (422)
    with the one-application-per-employee message. The draft's id and the page."""
    started = client.post("/aanvraag/im/nieuw")
    new_id = int(started.headers["Location"].split("/aanvragen/")[1].split("/")[0])
    assert client.post(f"/aanvragen/{new_id}/contact", data=CONTACT).status_code == 303
    refused = client.post(f"/aanvragen/{new_id}/werknemer", data=EMPLOYEE)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Er loopt al een aanvraag voor deze werknemer. Per werknemer dient u één aanvraag in." in page
    return new_id, page


def test_a_grant_paid_on_for_its_evaluation_still_blocks_a_new_application_for_the_employee(app, client, auth, people):
    """seed 003_cf4b65171622c691.txt: "zal de premie verder betaald worden, op voorwaarde dat u uiterlijk
    5 maanden voor het einde van de duurtijd van de premie een ontvankelijke aanvraag hebt ingediend",
    and "Vul voor elke werknemer ... een nieuwe aanvraag in". The grant's end date has passed, but it
    is paid on while the department has not decided on the evaluation filed in time: the wizard
    refuses a new application for the same employee and links to the running dossier, as for any
    running grant. The evaluation request itself was not blocked by the grant it evaluates; once the
    department decided, the grant has ended and a new application may go ahead."""
    from portal.services.applications import drafts

    parent, evaluation = duration_evaluation_filed_in_time(app, client, auth, people, "in_onderzoek")

    new_id, page = refused_at_the_employee_step(client)
    assert f"/aanvragen/{parent.id}" in page and parent.number in page

    evaluation.state = "geweigerd"  # decided: the premium is no longer paid on, the grant has ended
    db.session.commit()
    assert client.post(f"/aanvragen/{new_id}/werknemer", data=EMPLOYEE).status_code == 303
    assert "Er loopt al een aanvraag voor deze werknemer." not in drafts.submission_problems(db.session.get(Application, new_id))


def test_a_granted_extension_blocks_a_new_application_for_the_employee(app, client, auth, people):
    """seed 003_cf4b65171622c691.txt: an evaluation of the duration grants a new premium from "de eerste
    dag van het kwartaal volgend op de vorige einddatum", and "Vul voor elke werknemer ... een nieuwe
    aanvraag in": once the first grant's end date has passed, the employee's premium runs on the
    approved evaluation (an application of kind "evaluatie"), which blocks a brand-new application
    for the same employee as a running grant does."""
    _, extension = duration_evaluation_filed_in_time(app, client, auth, people, "goedgekeurd")
    extension.dossier.begin, extension.dossier.end = date(2026, 10, 1), date(2031, 9, 30)
    extension.dossier.decided_on = date(2026, 8, 1)
    db.session.commit()

    _, page = refused_at_the_employee_step(client)
    assert f"/aanvragen/{extension.id}" in page


def test_a_vop_of_indefinite_duration_is_evaluated_through_a_new_application(client, auth, people):
    """seed 003: "Dien dan een nieuwe aanvraag voor individueel maatwerk in en duid in het aanvraagformulier
    aan dat het om een evaluatie van de VOP-premie gaat"; what the VOP dossier knows is filled in."""
    dossiers.reference()
    vop = dossiers.approved(people.bakery, people.els, date(2024, 1, 1), date(2028, 12, 31), measure="vop", premie=None)
    fixed = dossiers.approved(people.bakery, people.els, date(2025, 10, 1), date(2027, 9, 30), measure="vop", premie=None,
                              national_number="90021512370", name="Lotte Vermeulen")
    auth.login("els")
    assert "Evaluatie van de VOP aanvragen" not in client.get(f"/dossiers/{fixed.id}").get_data(as_text=True)
    assert "Evaluatie van de VOP aanvragen" in client.get(f"/dossiers/{vop.id}").get_data(as_text=True)
    response = client.post(f"/dossiers/{vop.id}/vop-evaluatie")
    assert response.status_code == 303 and "/aanvragen/" in response.headers["Location"]
    draft = db.session.scalar(db.select(Application).filter_by(parent_id=vop.id))
    assert draft.measure == "im" and draft.is_draft and draft.answer("vop_evaluatie", "dossier") == vop.number
    assert draft.answer("werknemer", "national_number") == dossiers.PIETER
    assert draft.answer("contact", "email") == "contact@bedrijf.test"
    client.post(f"/dossiers/{vop.id}/vop-evaluatie")  # a second click opens the same draft
    assert len(db.session.scalars(db.select(Application).filter_by(parent_id=vop.id)).all()) == 1
    step = client.get(client.get(f"/aanvragen/{draft.id}").headers["Location"]).get_data(as_text=True)
    assert f"evaluatie van VOP-dossier {vop.number}" in step
    assert client.post(f"/dossiers/{fixed.id}/vop-evaluatie").status_code == 303
    assert db.session.scalar(db.select(Application).filter_by(parent_id=fixed.id)) is None


def _vop_evaluation(app, people, vop, filed_on):
    """An individueel-maatwerk application marked as evaluation of this VOP, filed on that day and
    declared admissible; staff have not decided yet."""
    from portal.services.dossiers import submission

    app.config["LOKET_TODAY"] = filed_on.isoformat()
    draft = dossiers.draft(people.bakery, people.els)
    draft.parent_id, draft.answers = vop.id, {**draft.answers, "vop_evaluatie": {"dossier": vop.number}}
    db.session.commit()
    evaluation = submission.submit(draft, people.els)
    evaluation.admissibility, evaluation.state = "ontvankelijk", "in_onderzoek"
    db.session.commit()
    app.config["LOKET_TODAY"] = "2026-11-23"
    return evaluation


def test_a_vop_is_paid_on_while_its_evaluation_filed_in_time_is_undecided(app, people):
    """seed 003_cf4b65171622c691.txt, "Hoe verloopt een aanvraag tot evaluatie?" (for the evaluation
    of a VOP as for individueel maatwerk): "zal de premie verder betaald worden, op voorwaarde dat u
    uiterlijk 5 maanden voor het einde van de duurtijd van de premie een ontvankelijke aanvraag hebt
    ingediend". One rule decides it (evaluations.payment_continues) for every page and list."""
    from portal.services.dossiers import evaluations, queries

    dossiers.reference()
    in_time = dossiers.approved(people.bakery, people.els, date(2021, 10, 1), date(2026, 9, 30), measure="vop", premie=None)
    evaluation = _vop_evaluation(app, people, in_time, date(2026, 4, 30))  # 5 months before 30/09
    assert evaluations.payment_continues(in_time) == evaluation
    assert queries.label(in_time) == "Goedgekeurd" and evaluation.number in queries.next_step(in_time)
    late = dossiers.approved(people.bakery, people.els, date(2021, 10, 1), date(2026, 9, 30), measure="vop", premie=None,
                             national_number="90021512370", name="Lotte Vermeulen")
    _vop_evaluation(app, people, late, date(2026, 5, 1))  # one day too late
    assert evaluations.payment_continues(late) is None and queries.label(late) == "Beëindigd"
    evaluation.state = "goedgekeurd"  # decided: the VOP has ended after all
    db.session.commit()
    assert evaluations.payment_continues(in_time) is None and queries.label(in_time) == "Beëindigd"


@pytest.fixture
def ended_vops(app, people):
    """Two VOPs that ended on 30/09/2026, each with an admissible evaluation not decided yet: one filed
    in time (5 months before the end at the latest), one too late."""
    dossiers.reference()
    in_time = dossiers.approved(people.bakery, people.els, date(2021, 10, 1), date(2026, 9, 30), measure="vop", premie=None)
    _vop_evaluation(app, people, in_time, date(2026, 3, 2))
    late = dossiers.approved(people.bakery, people.els, date(2021, 10, 1), date(2026, 9, 30), measure="vop", premie=None,
                             national_number="90021512370", name="Lotte Vermeulen")
    _vop_evaluation(app, people, late, date(2026, 6, 2))
    return in_time, late


def test_the_werkbak_and_the_lists_do_not_call_a_vop_ended_while_its_evaluation_keeps_it_paid(client, auth, ended_vops):
    """seed 003_cf4b65171622c691.txt: a VOP whose end date passed while its evaluation, filed in time,
    awaits the department's decision reads "Goedgekeurd" on the Werkbak, the staff dossier page, the
    applicant's list and dossier page; the one filed too late reads "Beëindigd" everywhere."""
    in_time, late = ended_vops

    def state_of(page, number):
        row = page[page.index(f">{number}</a>"):]
        return "Beëindigd" if "Beëindigd" in row[:row.index("</tr>")] else "lopend"

    auth.login("els")
    assert "de premie wordt verder betaald" in client.get(f"/dossiers/{in_time.id}").get_data(as_text=True)
    assert "Beëindigd" in client.get(f"/dossiers/{late.id}").get_data(as_text=True)
    listed = client.get("/dossiers/").get_data(as_text=True)
    assert (state_of(listed, in_time.number), state_of(listed, late.number)) == ("lopend", "Beëindigd")
    client.post("/afmelden")
    auth.login("sofie")
    queue = client.get("/backoffice/dossiers/").get_data(as_text=True)
    assert (state_of(queue, in_time.number), state_of(queue, late.number)) == ("lopend", "Beëindigd")
    assert "Beëindigd" not in client.get(f"/backoffice/dossiers/{in_time.id}").get_data(as_text=True).split("<dt>Maatregel")[0]


def test_a_vop_evaluation_is_decided_within_120_days_not_30(app, client, auth, people):
    """seed 003_cf4b65171622c691.txt, "Evaluatie van een VOP-premie aanvragen" and "Hoe verloopt een
    aanvraag tot evaluatie?": a new individueel-maatwerk application marked as VOP evaluation is
    handled within 120 days ("Is uw aanvraag ontvankelijk? Dan wordt uw dossier binnen 120 dagen
    behandeld", VDAB evaluating within them), not the 30 days of a first application. The Werkbak's
    deadline and order, the staff page and the admissibility e-mail follow; the day VDAB evaluated,
    recorded by staff, does not move the deadline."""
    from portal.models import OutboxMessage
    from portal.services.dossiers import actions, queries

    dossiers.reference()
    dossiers.reference(national_number="90021512370")
    vop = dossiers.approved(people.bakery, people.els, date(2024, 1, 1), date(2028, 12, 31), measure="vop", premie=None)
    evaluation = _vop_evaluation(app, people, vop, date(2026, 11, 23))
    first = dossiers.submitted(people.bakery, people.els, national_number="90021512370", name="Lotte Vermeulen")
    actions.declare_admissible(first, people.sofie, "")
    rows = {row.application.id: row for row in queries.work_queue().rows}
    assert rows[evaluation.id].processing_deadline == date(2027, 3, 23)  # 23/11/2026 + 120 days
    assert rows[first.id].processing_deadline == date(2026, 12, 23)  # a first application: 30 days
    assert [row.application.id for row in queries.work_queue().rows][:2] == [first.id, evaluation.id]

    evaluation.admissibility, evaluation.state = None, "ingediend"
    db.session.commit()
    actions.declare_admissible(evaluation, people.sofie, "")
    mail = db.session.scalar(db.select(OutboxMessage).filter_by(dedupe_key=f"dossier:{evaluation.id}:ontvankelijkheid"))
    assert "normaal binnen 120 dagen: het departement bezorgt uw dossier aan VDAB" in mail.body_text
    assert "30 dagen" not in mail.body_text

    app.config["LOKET_TODAY"] = "2027-01-15"
    auth.login("sofie")
    page = client.get(f"/backoffice/dossiers/{evaluation.id}").get_data(as_text=True)
    assert "Beslissen binnen 120 dagen na ontvangst" in page
    assert "23 maart 2027" in page
    for day, error in (("2027-01-20", "kan niet in de toekomst liggen"), ("2026-11-01", "kies een datum vanaf 23/11/2026")):
        refused = client.post(f"/backoffice/dossiers/{evaluation.id}/vdab-evaluatie", data={"day": day})
        assert refused.status_code == 422 and error in refused.get_data(as_text=True)
    assert client.post(f"/backoffice/dossiers/{evaluation.id}/vdab-evaluatie", data={"day": "2027-01-10"}).status_code == 303
    db.session.expire_all()
    assert evaluation.dossier.vdab_evaluated_on == date(2027, 1, 10)
    page = client.get(f"/backoffice/dossiers/{evaluation.id}").get_data(as_text=True)
    assert "Beslissen binnen 120 dagen na ontvangst" in page and "23 maart 2027" in page
    assert "VDAB evalueerde op 10/01/2027." in page  # the history
    queue = client.get("/backoffice/dossiers/").get_data(as_text=True)
    assert "23 maart 2027: nog 67 dag(en)" in queue
    assert [row.application.id for row in queries.work_queue(within="verlopen").rows] == [first.id]
    client.post(f"/backoffice/dossiers/{first.id}/goedkeuren", data={"percentage": "45", "begin": "2027-01-01",
                                                                     "end": "2031-12-31"})
    assert client.post(f"/backoffice/dossiers/{first.id}/vdab-evaluatie", data={"day": "2027-01-10"}).status_code == 303
    db.session.expire_all()
    assert first.dossier.vdab_evaluated_on is None  # not an evaluation request: nothing recorded


def test_the_lists_ask_for_the_evaluations_of_ended_grants_once_however_many_rows(app, client, auth, people):
    """Issue 15, "none grows with the number of dossiers": whether payment continues (seed 003) is
    asked for every ended grant on "Actuele stand" and the Werkbak, from one query for the page."""
    from tests import support

    dossiers.reference()
    numbers = iter(["90021512370", "85073003328", "79052602785"])

    def ended_vop_with_its_evaluation(national_number=None):
        extra = {"national_number": national_number, "name": "Lotte Vermeulen"} if national_number else {}
        vop = dossiers.approved(people.bakery, people.els, date(2021, 10, 1), date(2026, 9, 30), measure="vop",
                                premie=None, **extra)
        _vop_evaluation(app, people, vop, date(2026, 3, 2))

    def statements(path):
        client.get(path)  # the actor is remembered from here on
        with support.statements(db.engine) as sent:
            page = client.get(path).get_data(as_text=True)
        return len(sent), page.count("Beëindigd")

    ended_vop_with_its_evaluation()
    auth.login("els")
    one = statements("/dossiers/")
    auth.login("sofie")
    queue_one = statements("/backoffice/dossiers/")
    ended_vop_with_its_evaluation(next(numbers))
    ended_vop_with_its_evaluation(next(numbers))
    queue_three = statements("/backoffice/dossiers/")
    auth.login("els")
    three = statements("/dossiers/")
    assert one == (three[0], 0) and three[1] == 0
    assert queue_one[0] == queue_three[0] and queue_three[1] == 0


def test_changes_can_still_be_reported_while_payment_continues(client, auth, ended_vops):
    """seed 003: the premium is paid on after its end while an evaluation filed in time awaits the
    decision, so a new bank account, contact person or the employee's leaving still matter then
    (domain.md, "Reporting changes": while the premium runs); once the grant has really ended, not."""
    in_time, late = ended_vops
    auth.login("els")
    page = client.get(f"/dossiers/{in_time.id}/wijziging")
    assert page.status_code == 200 and "Het rekeningnummer wijzigt" in page.get_data(as_text=True)
    assert client.get(f"/dossiers/{late.id}/wijziging").status_code == 303


def test_an_approved_vop_evaluation_ends_the_vop_the_day_before_the_new_premium(app, client, auth, people):
    """seed 003_cf4b65171622c691.txt: the decision after the evaluation gives a new begin date (the
    first day of the quarter of the decision); the individueel-maatwerk premium granted on a VOP's
    evaluation takes over from it, so the VOP runs until the day before, as its history says."""
    from portal.services.dossiers import actions

    dossiers.reference()
    vop = dossiers.approved(people.bakery, people.els, date(2024, 1, 1), date(2028, 12, 31), measure="vop", premie=None)
    evaluation = _vop_evaluation(app, people, vop, date(2026, 11, 2))
    actions.approve(evaluation, people.sofie, 45, date(2026, 10, 1), date(2031, 9, 30), None)
    db.session.expire_all()
    assert vop.dossier.end == date(2026, 9, 30)
    auth.login("els")
    page = client.get(f"/dossiers/{vop.id}").get_data(as_text=True)
    assert (f"Na de evaluatie ({evaluation.number}) loopt deze premie tot 30/09/2026; de premie voor individueel "
            "maatwerk begint op 01/10/2026.") in page
