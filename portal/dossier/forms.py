"""The applicant's answer to an information request."""

from portal.forms import Form as FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length


class AnswerForm(FlaskForm):
    answer = TextAreaField("Uw antwoord", validators=[
        InputRequired("Schrijf uw antwoord op de vraag van het departement."), Length(max=4000)])
    documents = MultipleFileField("Documenten (PDF of Word, maximaal 4 MB per bestand)")
