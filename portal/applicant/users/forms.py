from wtforms import HiddenField
from wtforms.validators import AnyOf, InputRequired

from portal.forms import Form


class RightForm(Form):
    action = HiddenField(validators=[InputRequired(), AnyOf(["toekennen", "intrekken"])])
