from portal.forms import EmptyForm, Form as FlaskForm  # noqa: F401  (EmptyForm re-exported)
from wtforms import PasswordField, RadioField, StringField
from wtforms.validators import InputRequired


class LoginForm(FlaskForm):
    login = StringField("Gebruikersnaam", validators=[InputRequired("Vul uw gebruikersnaam in.")])
    password = PasswordField("Wachtwoord", validators=[InputRequired("Vul uw wachtwoord in.")])


class ChooseEnterpriseForm(FlaskForm):
    enterprise = RadioField(
        "Voor welke onderneming wilt u werken?",
        coerce=int,
        validators=[InputRequired("Kies de onderneming waarvoor u wilt werken.")],
    )


class ChooseSchoolForm(FlaskForm):
    school = RadioField(
        "Voor welke school wilt u een aanvraag doen?",
        coerce=int,
        validators=[InputRequired("Kies de school waarvoor u werkt.")],
    )
