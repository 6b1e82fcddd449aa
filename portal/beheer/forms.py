from portal.forms import Form as FlaskForm
from wtforms import HiddenField
from wtforms.validators import AnyOf, InputRequired


class RightForm(FlaskForm):
    action = HiddenField(validators=[InputRequired(), AnyOf(["toekennen", "intrekken"])])
