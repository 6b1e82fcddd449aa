"""The staff's form for a message to many applicants."""

from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from portal.domain.bulk import AUDIENCES
from portal.domain.measures import MEASURES
from portal.forms import Form, choices


def one_line(value):
    """A subject is one header line: line breaks pasted into it become spaces."""
    return " ".join(value.split()) if isinstance(value, str) else value


class BulkMessageForm(Form):
    subject = StringField("Onderwerp", filters=[one_line], validators=[
        InputRequired("Vul het onderwerp van het bericht in."), Length(max=200, message="Het onderwerp is te lang (maximaal 200 tekens).")])
    body = TextAreaField("Bericht", description="De aanhef (Beste …) en de verwijzing naar de dossiers van de ontvanger voegt het loket zelf toe.",
                         validators=[InputRequired("Schrijf het bericht."),
                                     Length(max=10000, message="Het bericht is te lang (maximaal 10.000 tekens).")])
    measure = SelectField("Maatregel", choices=choices([("", "Alle maatregelen"), *((m.code, m.title) for m in MEASURES)]))
    audience = RadioField("Aan wie?", choices=choices(AUDIENCES.items()),
                          validators=[InputRequired("Kies aan wie u het bericht stuurt.")])
    token = HiddenField()
    expected = HiddenField()
    confirm = BooleanField("Ik heb het voorbeeld en het aantal ontvangers nagelezen: verstuur dit bericht.")
