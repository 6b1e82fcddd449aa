"""The base form: WTForms' own messages in Dutch, and fields that read Belgian input."""

from decimal import Decimal, InvalidOperation

from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import DecimalField, ValidationError
from wtforms.widgets import HiddenInput
from wtforms.i18n import get_translations

from portal.clock import today
from portal.domain import changes


def without_nul(value):
    """A NUL character is never meant (browsers do not send one); PostgreSQL cannot store it, and a
    query with one fails. Every field of every form drops it on the way in."""
    return value.replace("\x00", "") if isinstance(value, str) else value


class Form(FlaskForm):
    class Meta:
        locales = ("nl",)

        def get_translations(self, form):
            return get_translations(self.locales)

        def bind_field(self, form, unbound_field, options):
            filters = [without_nul, *unbound_field.kwargs.get("filters", ())]
            return unbound_field.bind(form=form, **{**options, "filters": filters})

    def hidden_tag(self, *fields):
        """The hidden fields (the CSRF token) without an id: a page with several forms would repeat
        id="csrf_token", which HTML does not allow and the Nu Html Checker reports."""
        chosen = (getattr(self, f, None) if isinstance(f, str) else f for f in (fields or self))
        return Markup("\n".join(str(f(id=False)) for f in chosen if f is not None and isinstance(f.widget, HiddenInput)))


class LeavingDayForm(Form):
    """The employee's departure, reported by the applicant or recorded by staff: each side declares
    its `last_day` field, both refuse a day the dossier rules out (domain.changes.last_day_problem)."""

    applied_on = None  # set by setup(): the dossier's day of application bounds the last working day

    def setup(self, applied_on):
        self.applied_on = applied_on
        return self

    def validate_last_day(self, field):
        problem = field.data and changes.last_day_problem(field.data, self.applied_on, today())
        if problem:
            raise ValidationError(problem)


class CommaDecimalField(DecimalField):
    """Accepts 19,5 as well as 19.5, and shows a decimal comma."""

    def process_formdata(self, valuelist):
        if valuelist and valuelist[0]:
            try:
                self.data = Decimal(valuelist[0].strip().replace(",", "."))
            except InvalidOperation:
                self.data = None
                raise ValueError("Vul een getal in, bijvoorbeeld 38 of 19,5.")
        else:
            self.data = None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        text = f"{Decimal(self.data).normalize():f}"
        return text.replace(".", ",")


def choices(pairs) -> list:
    """(value, label) pairs as WTForms SelectChoice objects (tuples are deprecated in WTForms 3.3)."""
    from wtforms.fields.choices import SelectChoice

    return [SelectChoice(str(value), label) for value, label in pairs]


class EmptyForm(Form):
    """Gives bare POST buttons their CSRF token."""
