"""The wizard's own forms, besides each step's (portal/services/applications): the declaration at
submission, the plain upload, and the VOP's choice of kind."""

from wtforms import BooleanField, HiddenField, RadioField, StringField
from wtforms.validators import InputRequired, ValidationError

from portal.domain import vop
from portal.forms import Form


class DeclarationForm(Form):
    declaration = BooleanField("Ik verklaar dat alle gegevens in deze aanvraag juist en volledig zijn.",
                               validators=[InputRequired("Vink de verklaring aan om uw aanvraag in te dienen.")])


class AddressCodeForm(Form):
    code = StringField("Code uit de e-mail", validators=[InputRequired("Typ de zes cijfers van de code uit de e-mail.")],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": "10"})


class UploadForm(Form):
    """The plain (no JavaScript) upload; the chunked upload posts to its own endpoint."""

    kind = StringField(validators=[InputRequired()])


class StartForm(Form):
    """The kind choice: a base application, or an increase or extension of a base application."""

    kind = HiddenField(validators=[InputRequired()])
    grant = RadioField("Voor welke werknemer?", coerce=int, validate_choice=False)

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds or {}

    def validate_kind(self, field):
        if field.data not in vop.KINDS or not self.kinds[field.data].available:
            raise ValidationError("Deze soort aanvraag kunt u nu niet indienen.")

    def chosen_grant(self):
        availability = self.kinds.get(self.kind.data)
        return next((g for g in availability.grants if g.application_id == self.grant.data), None) if availability else None

    def validate_grant(self, field):
        if self.kind.data != vop.BASIS and self.chosen_grant() is None:
            raise ValidationError("Kies de werknemer voor wie u de aanvraag doet.")
