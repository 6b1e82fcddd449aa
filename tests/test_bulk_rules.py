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
