"""The employee's signature: a typed name and an explicit tick."""

from wtforms import BooleanField, StringField
from wtforms.validators import InputRequired, Length

from portal.forms import Form


class SignForm(Form):
    name = StringField("Uw naam", validators=[InputRequired("Vul uw naam in om te ondertekenen."), Length(max=200)])
    agree = BooleanField("Ik heb de aanvraag gelezen en onderteken ze mee.",
                         validators=[InputRequired("Vink aan dat u de aanvraag mee ondertekent.")])
