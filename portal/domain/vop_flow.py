"""The VOP wizard as data: which steps apply, when a step stops the application, which documents
are required. Pure; the rules themselves live in vop.py and vop_kinds.py (seeds 000, 001, 002)."""

from datetime import date

from portal.domain import vop, vop_kinds
from portal.domain.wizard import Context, Flow, Step, documents_complete, is_self_employed, needs_account

YES, NO = "ja", "nee"


def for_self(ctx: Context) -> bool:
    """A self-employed person applying for themselves (seed 001: "voor zichzelf of voor een werknemer")."""
    return is_self_employed(ctx) and ctx.answer("voor_wie", "voor_wie") == vop.FOR_SELF


def for_employee(ctx: Context) -> bool:
    return not for_self(ctx)


def chooses_for_whom(ctx: Context) -> bool:
    """Only a base application asks; an increase or extension follows its base application."""
    return is_self_employed(ctx) and ctx.kind == vop.BASIS


def is_motivated(ctx: Context) -> bool:
    """Seed 001: increase and extension are motivated requests."""
    return ctx.kind in (vop.VERHOGING, vop.VERLENGING)


def _yes(values: dict) -> dict[str, bool]:
    return {key: value == YES or value is True for key, value in (values or {}).items()}


def conditions_stop(ctx: Context) -> str | None:
    answers = _yes(ctx.answers.get("voorwaarden"))
    reason = vop.conditions_reason(answers, for_self=for_self(ctx))
    if reason is None and for_employee(ctx):
        reason = vop.dismissal_reason(answers)
    return reason


def cumulation_stop(ctx: Context) -> str | None:
    return vop.cumulation_reason(_yes(ctx.answers.get("cumulatie")))


def _date(value) -> date | None:
    if isinstance(value, date):
        return value
    return date.fromisoformat(value) if value else None


def hiring_stop(ctx: Context) -> str | None:
    hired_on = _date(ctx.answer("werknemer", "start_date"))
    if hired_on is None or ctx.today is None:
        return None
    return vop.hiring_reason(hired_on, ctx.today)


def self_employed_since(ctx: Context) -> date | None:
    return _date(ctx.answer("zelfstandige", "start_date"))


def extension_stop(ctx: Context) -> str | None:
    """An extension is filed before the grant ends (checked again at submission)."""
    end = _date(ctx.answer("soort", "grant_end"))
    if ctx.kind == vop.VERLENGING and end is not None and ctx.today is not None and ctx.today > end:
        return (f"De toekenning liep af op {end:%d/%m/%Y}: een verlenging kan niet meer. "
                "U kunt een nieuwe basisaanvraag indienen.")
    return None


def required_documents(ctx: Context) -> list[vop_kinds.DocumentRequirement]:
    return vop_kinds.required_documents(ctx.kind, for_self(ctx), self_employed_since(ctx), ctx.today or date.today())


FLOW = Flow(
    measure="vop",
    steps=(
        Step("voor_wie", "Voor wie", applies=chooses_for_whom),
        Step("voorwaarden", "Voorwaarden", stops=conditions_stop),
        Step("cumulatie", "Niet-cumuleerbare steun", applies=for_employee, stops=cumulation_stop),
        Step("contact", "Contactgegevens"),
        Step("werknemer", "Werknemer en tewerkstelling", applies=for_employee, stops=hiring_stop),
        Step("zelfstandige", "Uw gegevens als zelfstandige", applies=for_self),
        Step("motivatie", "Motivatie", applies=is_motivated, stops=extension_stop),
        Step("rekening", "Rekeningnummer", applies=needs_account),
        Step("documenten", "Documenten", done=documents_complete(required_documents)),
    ),
)
