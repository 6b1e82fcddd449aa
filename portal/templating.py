"""Rendering helpers: one template per page; htmx asks for a named block of that same template."""

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from flask import make_response, render_template
from flask_htmx import HTMX
from jinja2_fragments.flask import render_block

from portal.domain.identifiers import format_enterprise_number, format_national_number
from portal.domain.individueel_maatwerk import mask_iban
from portal.domain.measures import get_measure
from portal.domain.premiums import decimal_comma, euro
from portal.mail.links import public_url

BRUSSELS = ZoneInfo("Europe/Brussels")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


def init_app(app):
    app.jinja_env.filters["ondernemingsnummer"] = format_enterprise_number
    app.jinja_env.filters["rijksregisternummer"] = format_national_number
    app.jinja_env.filters["datum"] = long_date
    app.jinja_env.filters["tijdstip"] = timestamp
    app.jinja_env.filters["klokuur"] = clock_time
    app.jinja_env.filters["epoch_ms"] = epoch_ms
    app.jinja_env.filters["maatregel"] = measure_title
    app.jinja_env.filters["soort"] = kind_label
    app.jinja_env.filters["staat"] = state_label
    app.jinja_env.filters["iban_masked"] = mask_iban
    app.jinja_env.filters["euro"] = euro
    app.jinja_env.filters["getal"] = decimal_comma
    app.jinja_env.globals["public_url"] = public_url


KINDS = {"nieuw": "Nieuwe aanvraag", "basis": "Basisaanvraag", "verhoging": "Verhoging", "verlenging": "Verlenging",
         "evaluatie": "Evaluatie", "heroverweging": "Heroverweging"}


def measure_title(code: str) -> str:
    measure = get_measure(code)
    return measure.title if measure else code


STATES = {"draft": "Nog niet ingediend", "ingediend": "Ingediend", "in_onderzoek": "In onderzoek",
          "onvolledig": "Onvolledig", "goedgekeurd": "Goedgekeurd", "geweigerd": "Geweigerd"}


def state_label(state: str) -> str:
    return STATES.get(state, state)


def kind_label(kind: str) -> str:
    return KINDS.get(kind, kind)


def long_date(value: date | str | None) -> str:
    """23 november 2026 (also from an ISO date kept in the answers)."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def timestamp(value: datetime | None) -> str:
    """A moment stored as naive UTC, shown as Belgian local time."""
    if value is None:
        return ""
    local = local_time(value)
    return f"{long_date(local)} om {local:%H:%M}"


BRUSSELS = ZoneInfo("Europe/Brussels")


def local_time(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc).astimezone(BRUSSELS).replace(tzinfo=None)


def utc_from_local(value: datetime) -> datetime:
    """A moment typed as Belgian local time, as stored (naive UTC)."""
    return value.replace(tzinfo=BRUSSELS).astimezone(timezone.utc).replace(tzinfo=None)


def clock_time(value: datetime) -> str:
    """A stored (naive UTC) moment as the hour in Belgium: 14:35."""
    return f"{value.replace(tzinfo=timezone.utc).astimezone(BRUSSELS):%H:%M}"


def epoch_ms(value: datetime) -> int:
    """A stored (naive UTC) moment in milliseconds since 1970, for a script."""
    return int(value.replace(tzinfo=timezone.utc).timestamp() * 1000)


def is_fragment_request() -> bool:
    """An htmx request that swaps part of a page (a boosted link wants the whole page)."""
    htmx = HTMX()
    return bool(htmx) and not htmx.boosted


def page(template: str, block: str = "content", status: int = 200, **context):
    """The whole page, or only `block` of it for an htmx request; varies on HX-Request."""
    if is_fragment_request():
        body = render_block(template, block, **context)
    else:
        body = render_template(template, **context)
    response = make_response(body, status)
    response.headers["Vary"] = "HX-Request"
    return response
