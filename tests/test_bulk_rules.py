"""Who receives a staff message sent to many applicants (portal/domain/bulk.py). The audiences
follow the dossier states of seeds 000_ad5896a634baea1c.txt, 001_b28234096fe74925.txt and
003_cf4b65171622c691.txt (ingediend, in onderzoek, onvolledig, goedgekeurd, geweigerd;
ontvankelijk or not)."""

from datetime import date

import pytest

from portal.domain import campaigns as bulk
from portal.domain.dossier_states import Status

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("status, expected", [
    (Status("ingediend"), True),
    (Status("in_onderzoek", "ontvankelijk"), True),
    (Status("onvolledig"), True),
    (Status("ingediend", "niet_ontvankelijk"), False),
    (Status("goedgekeurd", "ontvankelijk"), False),
    (Status("geweigerd", "ontvankelijk"), False),
])
def test_in_behandeling_means_no_decision_yet(status, expected):
    assert bulk.in_audience(bulk.IN_BEHANDELING, status, None, TODAY) is expected


@pytest.mark.parametrize("status, end, expected", [
    (Status("goedgekeurd", "ontvankelijk"), date(2026, 11, 23), True),  # last day still runs
    (Status("goedgekeurd", "ontvankelijk"), date(2026, 11, 22), False),
    (Status("goedgekeurd", "ontvankelijk"), None, True),
    (Status("in_onderzoek", "ontvankelijk"), date(2030, 1, 1), False),
    (Status("geweigerd", "ontvankelijk"), None, False),
])
def test_a_running_premium_is_approved_and_not_yet_ended(status, end, expected):
    assert bulk.in_audience(bulk.LOPENDE_PREMIE, status, end, TODAY) is expected


def test_everyone_means_every_submitted_dossier_and_an_unknown_audience_is_an_error():
    assert bulk.in_audience(bulk.ALLE, Status("ingediend", "niet_ontvankelijk"), None, TODAY)
    with pytest.raises(ValueError):
        bulk.in_audience("iedereen", Status("ingediend"), None, TODAY)


def test_one_email_per_address_listing_each_of_its_dossiers():
    contacts = [
        bulk.Contact("els@bakkerij.be", "Els Peeters", "IM-2026-000001", 1),
        bulk.Contact("jan@schoonmaak.be", "Jan Vandenbroucke", "VOP-2026-000002", 2),
        bulk.Contact(" ELS@Bakkerij.be ", "Els P.", "VOP-2026-000003", 1),
        bulk.Contact("els@bakkerij.be", "Els Peeters", "IM-2026-000001", 1),
        bulk.Contact("", "Niemand", "IM-2026-000004", 3),
    ]
    found = bulk.by_address(contacts)
    assert [(r.email, r.name, r.numbers) for r in found] == [
        ("els@bakkerij.be", "Els Peeters", ["IM-2026-000001", "VOP-2026-000003"]),
        ("jan@schoonmaak.be", "Jan Vandenbroucke", ["VOP-2026-000002"]),
    ]


# --- Filters and merge fields: the product brief's campaign steering (the seeds say nothing of
# campaigns; the dates are the dossier's begin and end of seeds 001 and 003). -------------------

@pytest.mark.parametrize("address, province", [
    ("Bruul 12, 2800 Mechelen", "antwerpen"),
    ("Grote Markt 1, 3500 Hasselt", "limburg"),
    ("Korenmarkt 5, 9000 Gent", "oost-vlaanderen"),
    ("Ladeuzeplein 2, 3000 Leuven", "vlaams-brabant"),
    ("Markt 1, 8000 Brugge", "west-vlaanderen"),
    ("Wetstraat 16, 1000 Brussel", "brussel"),
    ("Place Saint-Lambert 1, 4000 Liège", "wallonie"),
    ("Bruul 12, Mechelen", None),
    (None, None),
])
def test_the_province_comes_from_the_four_digit_postal_code(address, province):
    assert bulk.province_of(address) == province


def test_filters_keep_dossiers_inside_every_window_and_place():
    filters = bulk.Filters(begin_from=date(2026, 1, 1), end_to=date(2027, 12, 31), province="limburg")
    inside = dict(begin=date(2026, 4, 1), end=date(2027, 3, 31), enterprise_id=1, province="limburg")
    assert filters.matches(**inside)
    assert not filters.matches(**{**inside, "begin": date(2025, 12, 31)})
    assert not filters.matches(**{**inside, "end": None})  # an end window needs an end date
    assert not filters.matches(**{**inside, "province": "antwerpen"})
    assert bulk.Filters().matches(begin=None, end=None, enterprise_id=9, province=None)  # no filter: all
    assert not bulk.Filters(enterprise_id=2).matches(**inside)
    assert bulk.Filters.from_json(filters.as_json()) == filters


def test_merge_fields_are_filled_in_per_recipient_and_unknown_ones_are_named():
    recipient = bulk.Recipient("els@bakkerij.test", "Els Peeters", 1, ["IM-2026-000001", "VOP-2026-000002"],
                               [date(2031, 3, 31)])
    text = "Beste {naam}, uw dossiers {dossiernummer} lopen tot {einddatum}. {onbekend} {naam}"
    assert bulk.merge(text, recipient) == ("Beste Els Peeters, uw dossiers IM-2026-000001, VOP-2026-000002 lopen tot "
                                          "31/03/2031. {onbekend} Els Peeters")
    assert bulk.unknown_fields(text + " {Naam} {onbekend}") == ["onbekend", "Naam"]
    assert bulk.merge("tot {einddatum}", bulk.Recipient("a@b.test", "A", 1, ["X"])) == "tot (nog geen einddatum)"
