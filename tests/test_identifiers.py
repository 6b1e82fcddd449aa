"""Enterprise and national numbers (seed 003_cf4b65171622c691.txt: "KBO-nummer beginnend met een 0 of een 1")."""

import pytest

from portal.domain.identifiers import (
    InvalidIdentifier,
    format_enterprise_number,
    parse_enterprise_number,
    parse_national_number,
)


@pytest.mark.parametrize("typed", ["0403170701", "0403.170.701", "BE 0403 170 701", " 0403.170.701 "])
def test_enterprise_number_accepts_the_usual_notations(typed):
    assert parse_enterprise_number(typed) == "0403170701"


def test_enterprise_number_may_start_with_one():
    assert parse_enterprise_number("1012.345.646") == "1012345646"


@pytest.mark.parametrize(
    "typed, message",
    [
        ("0403170702", "controlegetal"),
        ("04031707", "10 cijfers"),
        ("2403170701", "begint met 0 of 1"),
        ("04031707AB", "begint met 0 of 1"),
    ],
)
def test_enterprise_number_errors_are_dutch_and_specific(typed, message):
    with pytest.raises(InvalidIdentifier, match=message):
        parse_enterprise_number(typed)


def test_enterprise_number_is_shown_grouped():
    assert format_enterprise_number("0403170701") == "0403.170.701"


def test_national_number_valid_and_check_digit():
    assert parse_national_number("85.07.30-033.28") == "85073003328"
    with pytest.raises(InvalidIdentifier, match="controlegetal"):
        parse_national_number("85.07.30-033.29")
    with pytest.raises(InvalidIdentifier, match="11 cijfers"):
        parse_national_number("8507300332")
