"""Every answer of an application as readable Dutch text, per step, with the labels the applicant
saw: one summary for the review page and the dossier pages of applicant and staff."""

from dataclasses import dataclass
from datetime import date

from portal.services.applications import drafts
from portal.services.applications.flows import flow_for
from portal.templating import long_date

HIDDEN = ("CSRFTokenField", "HiddenField")


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: list[tuple[str, str]]


def field_text(field) -> str:
    """A field's answer as the applicant would read it back."""
    if field.data in (None, ""):
        return "–"
    if getattr(field, "choices", None) is not None:
        return next((c.label for c in field.choices if c.value == str(field.data)), str(field.data))
    if field.type == "BooleanField":
        return "Ja" if field.data else "Nee"
    if isinstance(field.data, date):
        return long_date(field.data)
    return field._value() or "–"


def sections(application) -> list[Section]:
    """The answered steps that apply, in the wizard's order."""
    definition = flow_for(application.measure)
    ctx = drafts.context_for(application)
    result = []
    for step in definition.flow.applicable(ctx):
        if step.key not in definition.forms or step.key not in (application.answers or {}):
            continue
        form = drafts.step_form(application, step.key, ctx)
        rows = [(field.label.text, field_text(field)) for field in form if field.type not in HIDDEN]
        result.append(Section(step.key, step.title, rows))
    return result
