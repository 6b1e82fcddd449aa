"""The werkondersteuningspakket's rules (portal/domain/wop.py) and its package table, each from seed
004_a9eebd248ec7c11d.txt."""

from datetime import date
from decimal import Decimal

import pytest

from portal.domain import decisions, wop
from portal.extensions import db
from portal.models import WopPackage
from portal.sources import reference

HIRED = date(2026, 3, 2)


def test_the_package_table_holds_the_five_start_packages_of_seed_004(app):
    """seed 004_a9eebd248ec7c11d.txt, "Samengevat": WOP 1 PmAH zwak 60% hoog attesten, WOP 2 PMP zwak 60%
    hoog ICF, WOP 3 PmAH sterk 45% midden attesten, WOP 4 PMP sterk 45% hoog ICF, WOP 5 uiterst kwetsbaar
    45% laag ICF: loaded into the table by migration 0012, the percentages as Decimal."""
    rows = db.session.scalars(db.select(WopPackage).order_by(WopPackage.code)).all()
    assert [(r.code, r.target_group, r.percentage, r.guidance, r.basis) for r in rows] == [
        ("WOP 1", "PmAH zwak", Decimal("60"), "hoog", "attesten"),
        ("WOP 2", "PMP zwak", Decimal("60"), "hoog", "icf"),
        ("WOP 3", "PmAH sterk", Decimal("45"), "midden", "attesten"),
        ("WOP 4", "PMP sterk", Decimal("45"), "hoog", "icf"),
        ("WOP 5", "Uiterst kwetsbaar", Decimal("45"), "laag", "icf"),
    ]
    assert all(isinstance(r.percentage, Decimal) for r in rows)
    package = reference.package("WOP 3")
    assert package.label == "WOP 3 (PmAH sterk): loonpremie 45%, begeleiding midden"
    assert reference.package("WOP 9") is None and reference.package(None) is None


def test_an_individueel_maatwerk_approval_follows_the_package_table(app):
    """seed 004_a9eebd248ec7c11d.txt: the package sets the wage premium (60% or 45%); the cap staff may
    grant is the table's percentage; a VOP keeps its own 40% (up to 60% on an increase, seed 001)."""
    high, middle = reference.package("WOP 1"), reference.package("WOP 3")
    terms = decisions.terms("im", "nieuw", date(2026, 11, 23), date(2026, 11, 23), 5, high)
    assert terms.percentage == Decimal(60) and terms.max_percentage == Decimal(60)
    assert decisions.percentage_problem(terms, 61) == "Het werkondersteuningspakket van VDAB bepaalt een loonpremie van maximaal 60%."
    assert decisions.proposed_percentage("im", middle) == Decimal(45)
    assert decisions.proposed_percentage("vop", middle) == Decimal(40)
    assert decisions.max_percentage("vop", middle, "verhoging") == Decimal(60)


def test_staff_load_the_package_table_as_csv(app):
    """seed 004_a9eebd248ec7c11d.txt: the packages are reference data staff keep up to date."""
    content = "pakket;doelgroep;loonpremie;begeleiding;basis\nWOP 3;PmAH sterk;45,5;midden;attesten\n".encode()
    try:
        assert reference.load("pakketten", content) == 1
        assert reference.package("WOP 3").percentage == Decimal("45.50")
    finally:
        reference.load("pakketten", b"pakket;doelgroep;loonpremie;begeleiding;basis\nWOP 3;PmAH sterk;45;midden;attesten\n")
    with pytest.raises(reference.ReferenceError) as refused:
        reference.parse("pakketten", "pakket;doelgroep;loonpremie;begeleiding;basis\nWOP 6;X;0.1e9;heel hoog;gevoel\n".encode())
    assert refused.value.problems == ["Regel 2: loonpremie moet een percentage van 1 tot 100 zijn, niet '0.1e9'"]


def test_a_package_is_valid_at_most_five_years():
    """seed 004_a9eebd248ec7c11d.txt: "Het WOP is maximaal 5 jaar geldig"."""
    assert wop.valid_until(date(2026, 1, 1), None) == date(2030, 12, 31)
    assert wop.valid_until(date(2026, 1, 1), date(2028, 6, 30)) == date(2028, 6, 30)
    assert wop.valid_until(date(2026, 1, 1), date(2033, 1, 1)) == date(2030, 12, 31)


def test_the_vdab_csv_gives_the_package_start_and_refuses_more_than_five_years(app):
    """seed 004_a9eebd248ec7c11d.txt: VDAB's package with its start, valid at most 5 years; an unknown
    package code is refused."""
    header = "rijksregisternummer;behoefte;jaren;pakket;arbeidshandicap;datum;pakket_begin;pakket_einde\n"
    rows = reference.parse("vdab", (header + "85073003328;loonpremie;5;WOP 3;erkend;;2026-01-01;2030-12-31\n").encode())
    assert rows[0]["package_start"] == date(2026, 1, 1) and rows[0]["package_end"] == date(2030, 12, 31)
    with pytest.raises(reference.ReferenceError) as refused:
        reference.parse("vdab", (header + "85073003328;loonpremie;5;WOP 3;erkend;;2026-01-01;2031-01-01\n"
                                 "90021512370;loonpremie;5;WOP 7;erkend;;;\n").encode())
    assert refused.value.problems == [
        "Regel 2: een werkondersteuningspakket is maximaal 5 jaar geldig: pakket_einde is ten laatste 31/12/2030",
        "Regel 3: pakket 'WOP 7' is geen werkondersteuningspakket (laad eerst de pakketten)"]


def test_a_correction_can_be_asked_up_to_eight_weeks_after_hiring():
    """seed 004_a9eebd248ec7c11d.txt: "Dit kan tot 8 weken na aanwerving aangevraagd worden": hired on day
    0, day 56 is allowed, day 57 is refused with the date the window closed."""
    day_56, day_57 = date(2026, 4, 27), date(2026, 4, 28)
    assert (day_56 - HIRED).days == 56
    assert wop.correction_window(HIRED, HIRED).open
    assert wop.correction_window(HIRED, day_56) == wop.Window(HIRED, day_56, True)
    assert wop.correction_problem(HIRED, day_56) is None
    assert not wop.correction_window(HIRED, day_57).open
    assert wop.correction_problem(HIRED, day_57) == ("Een correctie van het werkondersteuningspakket kon tot 8 weken na "
                                                     "de aanwerving: de termijn liep af op 27/04/2026.")
    assert "pas vanaf de aanwerving" in wop.correction_problem(HIRED, date(2026, 3, 1))


def test_an_evaluation_is_possible_from_the_third_year_of_employment():
    """seed 004_a9eebd248ec7c11d.txt: "Vanaf het derde jaar tewerkstelling": employed since 2 March 2026,
    the third year starts on 2 March 2028; the day before is refused with that date."""
    assert wop.third_year_from(HIRED) == date(2028, 3, 2)
    assert wop.evaluation_problem(wop.THIRD_YEAR, HIRED, date(2028, 3, 2)) is None
    problem = wop.evaluation_problem(wop.THIRD_YEAR, HIRED, date(2028, 3, 1))
    assert "vanaf 02/03/2028" in problem
    assert wop.third_year_from(date(2024, 2, 29)) == date(2026, 3, 1)


def test_the_third_year_rule_holds_only_for_employments_since_2019():
    """seed 004_a9eebd248ec7c11d.txt: "enkel voor tewerkstellingen vanaf 01/01/2019"."""
    assert wop.evaluation_problem(wop.THIRD_YEAR, date(2019, 1, 1), date(2026, 11, 23)) is None
    problem = wop.evaluation_problem(wop.THIRD_YEAR, date(2018, 12, 31), date(2026, 11, 23))
    assert "enkel voor tewerkstellingen vanaf 01/01/2019" in problem and "31/12/2018" in problem
    # earlier grounds remain open for an older employment
    assert wop.evaluation_problem(wop.MEDICAL, date(2018, 12, 31), date(2026, 11, 23)) is None


@pytest.mark.parametrize("reason", [wop.DOORSTROOM, wop.MEDICAL, wop.PSYCHOSOCIAL])
def test_doorstroom_and_an_attested_change_may_be_asked_earlier(reason):
    """seed 004_a9eebd248ec7c11d.txt: "Vervroegde evaluatie in functie van doorstroom", and a "gewijzigde
    én geattesteerde medische" or "bijkomende én geattesteerde psychosociale problematiek": "eerder dan
    het derde jaar na tewerkstelling"."""
    assert wop.evaluation_problem(reason, HIRED, date(2026, 5, 1)) is None
    assert wop.evaluation_problem("zomaar", HIRED, date(2026, 5, 1)) == "Kies waarom u een evaluatie vraagt."


def test_the_pop_is_at_most_one_year_old():
    """seed 004_a9eebd248ec7c11d.txt: "Er moet steeds een actueel POP (maximaal 1 jaar oud)": a POP of
    exactly a year ago counts, one a day older is refused, as is one dated in the future."""
    today = date(2026, 11, 23)
    assert wop.pop_problem(date(2025, 11, 23), today) is None
    assert wop.pop_problem(today, today) is None
    assert wop.pop_problem(date(2025, 11, 22), today) == ("Het POP van 22/11/2025 is ouder dan een jaar. Voeg een "
                                                         "actueel POP toe (opgemaakt op of na 23/11/2025).")
    assert wop.pop_problem(date(2026, 11, 24), today) == "De datum van het POP ligt in de toekomst."


def test_vdab_decides_within_20_days_and_the_labour_court_within_two_months():
    """seed 004_a9eebd248ec7c11d.txt: "Na het gesprek heeft VDAB 20 dagen tijd om een beslissing te nemen";
    "binnen de twee maanden na verzending van de aangetekende brief" to the labour court."""
    assert wop.vdab_decision_by(date(2026, 11, 23)) == date(2026, 12, 13)
    assert wop.labour_court_until(date(2026, 12, 31)) == date(2027, 2, 28)


def test_the_workplace_talk_and_vdabs_letter_lie_between_the_request_and_today():
    """seed 004_a9eebd248ec7c11d.txt: after the online request VDAB "contacteert ... om een afspraak te
    maken voor een gesprek op de werkvloer"; "Na het gesprek heeft VDAB 20 dagen tijd om een beslissing
    te nemen ... met een brief op de hoogte gesteld". A talk or letter in the future, or before the
    request, or a letter before the talk, is a typing error (the labour court's term runs from the letter)."""
    asked, today = date(2026, 11, 30), date(2026, 12, 2)
    assert wop.talk_problem(date(2026, 12, 1), asked, today) is None
    assert wop.talk_problem(today, asked, today) is None and wop.talk_problem(asked, asked, today) is None
    assert "in de toekomst" in wop.talk_problem(date(2027, 6, 1), asked, today)
    assert wop.talk_problem(date(2026, 11, 29), asked, today) == (
        "Het gesprek op de werkvloer ligt vóór de vraag aan VDAB van 30/11/2026: kijk de datum na.")

    assert wop.letter_problem(date(2026, 12, 2), date(2026, 12, 1), asked, today) is None
    assert wop.letter_problem(date(2026, 12, 1), None, asked, today) is None
    assert "in de toekomst" in wop.letter_problem(date(2026, 12, 3), None, asked, today)
    assert wop.letter_problem(date(2020, 1, 1), None, asked, today) == (
        "De brief van VDAB ligt vóór de vraag aan VDAB van 30/11/2026: kijk de datum na.")
    assert "vóór het gesprek op de werkvloer van 02/12/2026" in wop.letter_problem(date(2026, 12, 1), today, asked, today)
