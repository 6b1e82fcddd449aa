from wtforms import PasswordField, RadioField, StringField
from wtforms.validators import InputRequired

from portal.forms import Form


class LoginForm(Form):
    login = StringField("Gebruikersnaam", validators=[InputRequired("Vul uw gebruikersnaam in.")])
    password = PasswordField("Wachtwoord", validators=[InputRequired("Vul uw wachtwoord in.")])


class ChooseEnterpriseForm(Form):
    enterprise = RadioField(
        "Voor welke onderneming wilt u werken?",
        coerce=int,
        validators=[InputRequired("Kies de onderneming waarvoor u wilt werken.")],
    )


class ChooseSchoolForm(Form):
    school = RadioField(
        "Voor welke school wilt u een aanvraag doen?",
        coerce=int,
        validators=[InputRequired("Kies de school waarvoor u werkt.")],
    )
