"""The dossier state machine (seeds 000_ad5896a634baea1c.txt and 001_b28234096fe74925.txt)."""

import pytest

from portal.domain import dossier_states as m

NEW = m.Status(m.INGEDIEND)
ADMITTED = m.Status(m.IN_ONDERZOEK, m.ONTVANKELIJK)


def test_system_declares_a_new_dossier_admissible():
    """seed 001: first admissibility, then the content is investigated."""
    assert m.apply(NEW, "ontvankelijk_verklaren", m.SYSTEM) == ADMITTED


def test_not_admissible_closes_the_dossier_without_refusing_it():
    """seed 001: a not-admissible notice; a new application may be filed."""
    after = m.apply(NEW, "niet_ontvankelijk_verklaren", m.STAFF)
    assert after == m.Status(m.INGEDIEND, m.NIET_ONTVANKELIJK)
    assert m.is_final(after) and m.label(after) == "Niet ontvankelijk"
    assert m.allowed_actions(after, m.STAFF) == [] and m.allowed_actions(after, m.APPLICANT) == []


def test_information_request_and_answer_return_to_where_the_dossier_was():
    """seed 001: the term is suspended while the department waits for information it asked for."""
    waiting = m.apply(NEW, "informatie_vragen", m.STAFF)
    assert waiting == m.Status(m.ONVOLLEDIG)
    assert m.apply(waiting, "informatie_bezorgen", m.APPLICANT) == NEW
    investigating = m.apply(ADMITTED, "informatie_vragen", m.STAFF)
    assert m.apply(investigating, "informatie_bezorgen", m.APPLICANT) == ADMITTED


def test_only_staff_decide_and_only_on_an_admissible_dossier():
    """seed 000: the department decides (goedgekeurd or geweigerd)."""
    assert m.apply(ADMITTED, "goedkeuren", m.STAFF).state == m.GOEDGEKEURD
    assert m.apply(ADMITTED, "weigeren", m.STAFF).state == m.GEWEIGERD
    for actor in (m.SYSTEM, m.APPLICANT):
        assert not m.may(ADMITTED, "goedkeuren", actor)
    assert not m.may(NEW, "goedkeuren", m.STAFF)


@pytest.mark.parametrize("status", [m.Status(m.GOEDGEKEURD, m.ONTVANKELIJK), m.Status(m.GEWEIGERD, m.ONTVANKELIJK)])
def test_decided_dossiers_are_final(status):
    """seed 000: approved and refused are the end of the road."""
    assert m.is_final(status)
    for actor in (m.SYSTEM, m.STAFF, m.APPLICANT):
        assert m.allowed_actions(status, actor) == []


def test_forbidden_moves_raise():
    """seed 000: the applicant cannot declare its own dossier admissible; admissibility is decided once."""
    with pytest.raises(m.TransitionNotAllowed):
        m.apply(NEW, "ontvankelijk_verklaren", m.APPLICANT)
    with pytest.raises(m.TransitionNotAllowed):
        m.apply(ADMITTED, "ontvankelijk_verklaren", m.STAFF)
    with pytest.raises(m.TransitionNotAllowed):
        m.apply(NEW, "onbekend", m.STAFF)


def test_labels_and_next_steps_in_dutch():
    """seed 000: ingediend, in onderzoek, goedgekeurd, geweigerd, onvolledig."""
    assert [m.label(m.Status(s)) for s in m.STATES] == ["Ingediend", "In onderzoek", "Onvolledig", "Goedgekeurd", "Geweigerd"]
    assert "gevraagde informatie" in m.next_step(m.Status(m.ONVOLLEDIG))
    assert "nieuwe aanvraag" in m.next_step(m.Status(m.INGEDIEND, m.NIET_ONTVANKELIJK))


def test_an_approved_grant_whose_end_date_has_passed_reads_beeindigd():
    """seed 003_cf4b65171622c691.txt: a grant runs from its begin to its end date ("na het verlopen
    van de VOP van bepaalde duur" a new application is filed). Derived from the end date and today:
    on its last day it still runs; the day after it reads "Beëindigd"."""
    from datetime import date

    approved = m.Status(m.GOEDGEKEURD, m.ONTVANKELIJK)
    end = date(2026, 9, 30)
    assert m.label(approved, end, date(2026, 9, 30)) == "Goedgekeurd"
    assert m.label(approved, end, date(2026, 10, 1)) == "Beëindigd"
    assert "nieuwe aanvraag" in m.next_step(approved, end, date(2026, 10, 1))
    assert m.label(approved) == "Goedgekeurd"  # no end known: as before
    assert m.label(m.Status(m.GEWEIGERD, m.ONTVANKELIJK), end, date(2027, 1, 1)) == "Geweigerd"
