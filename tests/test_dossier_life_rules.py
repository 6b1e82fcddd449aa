"""The date and window rules of a running dossier, with today injected: evaluations (seed
003_cf4b65171622c691.txt, "Evaluatie aanvragen"), reminders (seeds 001_b28234096fe74925.txt and
003), an employee leaving (seed 003, step 7) and reconsideration (seeds 000_ad5896a634baea1c.txt,
001)."""

from datetime import date, datetime

import pytest

from portal.domain import evaluations, reconsideration, reminders
from portal.domain.changes import end_after_leaving, last_day_problem
from portal.domain.evaluations import DURATION, HEIGHT, availability, new_dates
from portal.domain.quarters import end_after_years

BEGIN = date(2026, 1, 1)
END = date(2030, 12, 31)  # a 5-year grant


def _by_kind(options):
    return {o.kind: o for o in options}


def test_a_two_year_grant_is_never_evaluated():
    """seed 003: "U kunt geen evaluatie aanvragen ... een premie(s) individueel maatwerk voor 2 jaar"."""
    options = availability("im", date(2026, 1, 1), date(2027, 12, 31), None, date(2027, 6, 1))
    assert not any(o.allowed for o in options)
    assert all("2 jaar" in o.reason and o.opens_on is None for o in options)


def test_a_vop_is_evaluated_through_a_new_application():
    """seed 003: "Dien dan een nieuwe aanvraag voor individueel maatwerk in en duid ... aan dat het om
    een evaluatie van de VOP-premie gaat"."""
    options = availability("vop", BEGIN, END, None, date(2028, 1, 1))
    assert not any(o.allowed for o in options)
    assert "nieuwe aanvraag individueel maatwerk" in options[0].reason


@pytest.mark.parametrize("today, allowed", [(date(2026, 12, 31), False), (date(2027, 1, 1), True)])
def test_height_from_the_second_year_of_the_grant(today, allowed):
    """seed 003: "Vanaf het tweede jaar van de toekenning ... een evaluatie van de hoogte"."""
    height = _by_kind(availability("im", BEGIN, END, None, today))[HEIGHT]
    assert height.allowed is allowed
    if not allowed:
        assert height.opens_on == date(2027, 1, 1) and "01/01/2027" in height.reason


def test_height_not_within_two_years_of_the_previous_vdab_evaluation():
    """seed 003: "U kunt geen evaluatie aanvragen van de hoogte als de vorige evaluatie door VDAB
    minder dan twee jaar geleden is"."""
    last = date(2027, 5, 10)
    height = _by_kind(availability("im", BEGIN, END, last, date(2029, 5, 9)))[HEIGHT]
    assert not height.allowed and height.opens_on == date(2029, 5, 10)
    assert "minder dan twee jaar" in height.reason and "10/05/2029" in height.reason
    assert _by_kind(availability("im", BEGIN, END, last, date(2029, 5, 10)))[HEIGHT].allowed


def test_an_old_evaluation_does_not_move_the_second_year():
    """seed 003: both conditions; the later date wins."""
    assert evaluations.height_opens(BEGIN, date(2024, 1, 1)) == date(2027, 1, 1)


@pytest.mark.parametrize("today, allowed", [(date(2029, 12, 31), False), (date(2030, 1, 1), True),
                                            (date(2030, 12, 31), True)])
def test_duration_from_the_last_year(today, allowed):
    """seed 003: "Vanaf het laatste jaar van de premie(s) kunt u een evaluatie aanvragen om uw
    premie(s) individueel maatwerk te verlengen"."""
    duration = _by_kind(availability("im", BEGIN, END, None, today))[DURATION]
    assert duration.allowed is allowed
    if not allowed:
        assert duration.opens_on == date(2030, 1, 1)


def test_nothing_after_the_end_nor_while_an_evaluation_runs():
    """seed 003: a running grant only; one evaluation at a time."""
    assert not any(o.allowed for o in availability("im", BEGIN, END, None, date(2031, 1, 1)))
    assert not any(o.allowed for o in availability("im", BEGIN, END, None, date(2030, 6, 1), evaluation_open=True))


def test_a_grant_that_started_mid_quarter():
    """seed 003: a grant beginning 15 February 2026 (e.g. after a VOP extension) for 5 years."""
    begin, end = date(2026, 2, 15), date(2031, 2, 14)
    assert evaluations.is_five_year(begin, end)
    options = _by_kind(availability("im", begin, end, None, date(2027, 2, 14)))
    assert options[HEIGHT].opens_on == date(2027, 2, 15)
    assert options[DURATION].opens_on == date(2030, 2, 15)


def test_29_february():
    """seed 003: a grant beginning on 29 February 2028 reaches its second year on 1 March 2029; one
    ending on 28 February 2029 enters its last year on 1 March 2028."""
    assert evaluations.height_opens(date(2028, 2, 29), None) == date(2029, 3, 1)
    assert evaluations.duration_opens(date(2029, 2, 28)) == date(2028, 3, 1)
    assert evaluations.height_opens(BEGIN, date(2028, 2, 29)) == date(2030, 3, 1)


@pytest.mark.parametrize("decided_on, begin", [(date(2028, 3, 31), date(2028, 1, 1)), (date(2028, 4, 1), date(2028, 4, 1)),
                                               (date(2028, 2, 29), date(2028, 1, 1))])
def test_height_changed_starts_in_the_quarter_of_the_decision(decided_on, begin):
    """seed 003: "de eerste dag van het kwartaal van de beslissing (bij een aanpassing van de hoogte)"."""
    dates = new_dates(HEIGHT, decided_on, END, 5)
    assert dates.begin == begin
    assert dates.latest_end == end_after_years(begin, 5)


@pytest.mark.parametrize("previous_end, begin", [(date(2030, 12, 31), date(2031, 1, 1)), (date(2031, 2, 14), date(2031, 4, 1)),
                                                 (date(2032, 2, 29), date(2032, 4, 1))])
def test_duration_changed_starts_the_quarter_after_the_previous_end(previous_end, begin):
    """seed 003: "de eerste dag van het kwartaal volgend op de vorige einddatum (bij een aanpassing van de duurtijd)"."""
    assert new_dates(DURATION, date(2030, 9, 1), previous_end, 2).begin == begin


def test_never_more_than_five_years():
    """seed 003: "De einddatum is gebaseerd op de duurtijd van de behoefte ... (maximaal 5 jaar)"."""
    assert new_dates(DURATION, date(2030, 9, 1), END, 7).latest_end == date(2035, 12, 31)
    assert new_dates(DURATION, date(2030, 9, 1), END, None).latest_end == date(2035, 12, 31)
    assert new_dates(DURATION, date(2030, 9, 1), END, 2).latest_end == date(2032, 12, 31)


@pytest.mark.parametrize("filed_on, continues", [(date(2030, 7, 31), True), (date(2030, 8, 1), False)])
def test_payment_continues_when_filed_five_months_before_the_end(filed_on, continues):
    """seed 003: "zal de premie verder betaald worden, op voorwaarde dat u uiterlijk 5 maanden voor het
    einde van de duurtijd van de premie een ontvankelijke aanvraag hebt ingediend"."""
    assert evaluations.continues_payment(filed_on, True, False, END, date(2031, 1, 5)) is continues


def test_payment_does_not_continue_before_the_end_or_once_decided_or_when_inadmissible():
    """seed 003: only an admissible request not decided in time."""
    filed = date(2030, 3, 1)
    assert not evaluations.continues_payment(filed, True, False, END, END)
    assert not evaluations.continues_payment(filed, True, True, END, date(2031, 1, 5))
    assert not evaluations.continues_payment(filed, False, False, END, date(2031, 1, 5))


def test_a_new_individueel_maatwerk_application_is_blocked_by_an_evaluation_request_too():
    """seed 003_cf4b65171622c691.txt: "Vul voor elke werknemer ... een nieuwe aanvraag in", and an
    evaluation of the duration grants the employee's next premium ("de eerste dag van het kwartaal
    volgend op de vorige einddatum"): a brand-new individueel-maatwerk application for the employee
    is blocked by an evaluation request as by a first application. Other kinds only by their own (a
    VOP increase does not block on its base); the evaluation request itself is filed from the dossier,
    so no kind blocks it."""
    assert evaluations.kinds_that_block("im", "nieuw") == {"nieuw", "evaluatie"}
    assert evaluations.kinds_that_block("vop", "verhoging") == {"verhoging"}
    assert evaluations.kinds_that_block("vop", "basis") == {"basis"}


def test_five_months_before_an_end_on_the_last_day_of_a_month():
    """seed 003: "minstens 5 maanden vóór het einde"; 31 July minus 5 months is 28 or 29 February."""
    assert evaluations.in_time_by(date(2028, 7, 31)) == date(2028, 2, 29)
    assert evaluations.in_time_by(date(2027, 7, 31)) == date(2027, 2, 28)


def test_evaluation_is_decided_within_120_days():
    """seed 003: "Dan wordt uw dossier binnen 120 dagen behandeld"."""
    assert evaluations.processing_deadline(date(2026, 11, 1), 0) == date(2027, 3, 1)
    assert evaluations.processing_deadline(date(2026, 11, 1), 3) == date(2027, 3, 4)


@pytest.mark.parametrize("today, due", [(date(2027, 3, 31), False), (date(2027, 4, 1), True), (date(2027, 6, 30), True),
                                        (date(2027, 7, 1), False), (date(2027, 10, 1), False)])
def test_vop_penultimate_quarter(today, due):
    """seed 001: "Tijdens het voorlaatste kwartaal van de toekenning van de VOP zal u op de hoogte
    worden gebracht van het einde van de betalingen"; a grant ending 30 September 2027."""
    assert reminders.penultimate_quarter_due(date(2025, 10, 1), date(2027, 9, 30), today) is due


def test_penultimate_quarter_of_a_grant_ending_mid_quarter():
    """seed 001: a grant ending 14 February 2028 (begun mid-quarter) has its penultimate quarter in Q4 2027."""
    assert reminders.penultimate_quarter_due(date(2026, 2, 15), date(2028, 2, 14), date(2027, 10, 1))
    assert not reminders.penultimate_quarter_due(date(2026, 2, 15), date(2028, 2, 14), date(2028, 1, 1))


@pytest.mark.parametrize("today, due", [(date(2029, 12, 31), False), (date(2030, 1, 1), True), (date(2030, 12, 31), True),
                                        (date(2031, 1, 1), False)])
def test_last_year_reminder_of_a_five_year_grant(today, due):
    """seed 003: "Vanaf het laatste jaar ... minstens 5 maanden vóór het einde"; none after the end."""
    assert reminders.last_year_due(BEGIN, END, today) is due


def test_no_last_year_reminder_for_a_two_year_grant():
    """seed 003: a 2-year grant cannot be evaluated."""
    assert not reminders.last_year_due(date(2026, 1, 1), date(2027, 12, 31), date(2027, 6, 1))


def test_stale_after_fourteen_days():
    """Portal rule (seed 003 asks to resume a draft later): 14 days without a move."""
    assert reminders.stale(datetime(2026, 11, 9, 12), datetime(2026, 11, 23, 12))
    assert not reminders.stale(datetime(2026, 11, 9, 12, 1), datetime(2026, 11, 23, 12))


@pytest.mark.parametrize("last_day, end", [(date(2027, 2, 10), date(2027, 3, 31)), (date(2027, 3, 31), date(2027, 3, 31)),
                                           (date(2027, 4, 1), date(2027, 6, 30)), (date(2028, 2, 29), date(2028, 3, 31)),
                                           (date(2030, 12, 1), date(2030, 12, 31))])
def test_leaving_ends_the_premium_at_the_end_of_that_quarter(last_day, end):
    """seed 003, step 7 ("werknemer treedt uit dienst"); paid per quarter (seeds 000, 001, 003): the
    premium ends on the last day of the quarter of the last working day, never after the grant's end."""
    assert end_after_leaving(last_day, date(2030, 12, 31)) == end


@pytest.mark.parametrize("last_day, problem", [(date(2026, 9, 14), "vóór de dag van de aanvraag (15/09/2026)"),
                                               (date(2026, 9, 15), None), (date(2027, 11, 23), None),
                                               (date(2027, 11, 24), "meer dan een jaar in de toekomst")])
def test_the_last_working_day_lies_between_the_application_and_a_year_ahead(last_day, problem):
    """seed 003: one applies only while the employee is in service (no valid employment relation in
    DIMONA is not admissible): the last working day is not before the day of application."""
    found = last_day_problem(last_day, applied_on=date(2026, 9, 15), today=date(2026, 11, 23))
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize("today, open_", [(date(2026, 10, 1), True), (date(2026, 11, 15), True), (date(2026, 11, 16), False)])
def test_reconsideration_within_45_days_of_the_refusal_letter(today, open_):
    """seed 001: "binnen de 45 dagen na ontvangst van de brief waarmee de VDAB zijn beslissing tot
    weigering ... heeft meegedeeld, een schriftelijk verzoek tot heroverweging indienen"."""
    window = reconsideration.window(date(2026, 10, 1), today)
    assert window.open is open_ and window.last_day == date(2026, 11, 15)


def test_vdab_again_after_six_months():
    """seed 001: "Indien het recht meer dan zes maanden geleden werd geweigerd, kan de werknemer echter
    opnieuw een aanvraag indienen bij de VDAB"; 31 August + 6 months is 28 February."""
    assert reconsideration.window(date(2026, 10, 1), date(2026, 10, 2)).vdab_again_from == date(2027, 4, 1)
    assert reconsideration.window(date(2026, 8, 31), date(2026, 9, 1)).vdab_again_from == date(2027, 2, 28)
