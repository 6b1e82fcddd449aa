"""The staff's forms: every action on a dossier, with its reason, validated here."""

from portal.forms import Form as FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms.fields.choices import SelectChoice
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from portal.domain.quarters import first_day_of_quarter


class AskInformationForm(FlaskForm):
    question = TextAreaField("Welke informatie of documenten vraagt u?", validators=[
        InputRequired("Beschrijf welke informatie of documenten de aanvrager moet bezorgen."), Length(max=4000)])


class AdmissibleForm(FlaskForm):
    note = StringField("Opmerking", validators=[Optional(), Length(max=500)])


class InadmissibleForm(FlaskForm):
    reasons = TextAreaField("Redenen (één per regel; de aanvrager leest ze in de kennisgeving)", validators=[
        InputRequired("Geef minstens één reden waarom de aanvraag niet ontvankelijk is."), Length(max=4000)])


class ApproveForm(FlaskForm):
    percentage = IntegerField("Percentage loonpremie", validators=[
        InputRequired("Vul het percentage in, bijvoorbeeld 45."), NumberRange(1, 100, "Vul een percentage tussen 1 en 100 in.")])
    begin = DateField("Begindatum", validators=[InputRequired("Vul de begindatum in.")])
    end = DateField("Einddatum", validators=[InputRequired("Vul de einddatum in.")])
    motivation = TextAreaField("Toelichting bij de beslissing", validators=[Optional(), Length(max=4000)])

    def validate_end(self, field):
        if self.begin.data and field.data and field.data <= self.begin.data:
            raise ValidationError("De einddatum moet na de begindatum liggen.")

    def validate_begin(self, field):
        if field.data and field.data != first_day_of_quarter(field.data):
            raise ValidationError("De begindatum is de eerste dag van een kwartaal, bijvoorbeeld 1 oktober.")


class RefuseForm(FlaskForm):
    reasons = TextAreaField("Redenen van de weigering", validators=[
        InputRequired("Geef de reden van de weigering; de aanvrager leest ze in de beslissing."), Length(max=4000)])


SOURCES = [("vdab", "VDAB: behoefte en arbeidshandicap"), ("rsz", "RSZ: tewerkstellingen in DIMONA"),
           ("onderwijs", "Departement Onderwijs: tewerkstellingen"),
           ("dienstverleners", "Erkende dienstverleners (begeleiding individueel maatwerk)")]


class ReferenceUploadForm(FlaskForm):
    source = SelectField("Bron", choices=[SelectChoice(value, label) for value, label in SOURCES], validators=[InputRequired("Kies de bron.")])
    file = FileField("CSV-bestand", validators=[FileRequired("Kies een CSV-bestand.")])
