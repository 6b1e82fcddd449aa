"""The staff's forms: every action on a dossier with its reason, reference uploads, paper entry and
messages to many applicants, validated here."""

from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, StopValidation, ValidationError

from portal.clock import now, today
from portal.domain import decisions, wop
from portal.domain.campaigns import AUDIENCES, MERGE_FIELDS, PROVINCES, Filters, unknown_fields
from portal.domain.measures import MEASURES
from portal.domain.quarters import anniversary
from portal.extensions import db
from portal.forms import Form, LeavingDayForm, choices
from portal.models import Enterprise
from portal.templating import local_time, utc_from_local


class AskInformationForm(Form):
    question = TextAreaField("Welke informatie of documenten vraagt u?", validators=[
        InputRequired("Beschrijf welke informatie of documenten de aanvrager moet bezorgen."), Length(max=4000)])


class AdmissibleForm(Form):
    note = StringField("Opmerking", validators=[Optional(), Length(max=500)])


class InadmissibleForm(Form):
    reasons = TextAreaField("Redenen (één per regel; de aanvrager leest ze in de kennisgeving)", validators=[
        InputRequired("Geef minstens één reden waarom de aanvraag niet ontvankelijk is."), Length(max=4000)])


class ApproveForm(Form):
    percentage = IntegerField("Percentage loonpremie", validators=[
        InputRequired("Vul het percentage in, bijvoorbeeld 45."), NumberRange(1, 100, "Vul een percentage tussen 1 en 100 in.")])
    begin = DateField("Begindatum", validators=[InputRequired("Vul de begindatum in.")])
    end = DateField("Einddatum", validators=[InputRequired("Vul de einddatum in.")])
    motivation = TextAreaField("Toelichting bij de beslissing", validators=[Optional(), Length(max=4000)])

    terms: decisions.Terms  # set by setup(): every use of this form knows the dossier's limits

    def setup(self, terms: decisions.Terms):
        """The limits of the rules for this dossier (percentage cap, begin, VDAB's duration)."""
        self.terms = terms
        return self

    def validate_percentage(self, field):
        problem = field.data is not None and decisions.percentage_problem(self.terms, field.data)
        if problem:
            raise ValidationError(problem)

    def validate_begin(self, field):
        problem = field.data and decisions.begin_problem(self.terms, field.data)
        if problem:
            raise ValidationError(problem)

    def validate_end(self, field):
        problem = self.begin.data and field.data and decisions.end_problem(self.terms, self.begin.data, field.data)
        if problem:
            raise ValidationError(problem)


class LeavingForm(LeavingDayForm):
    last_day = DateField("Laatste werkdag van de werknemer", validators=[InputRequired("Vul de laatste werkdag in.")],
                         description="De premie eindigt op de laatste dag van dat kwartaal.")


class VdabEvaluationForm(Form):
    day = DateField("Datum van de evaluatie door VDAB", validators=[
        InputRequired("Vul de datum in waarop VDAB de behoefte evalueerde.")],
        description="VDAB evalueert binnen de 120 dagen waarin het departement beslist; de datum telt als de laatste evaluatie door VDAB.")

    received_on = None  # set by setup(): VDAB evaluates after the request was received

    def setup(self, received_on):
        self.received_on = received_on
        return self

    def validate_day(self, field):
        if field.data and field.data > today():
            raise ValidationError("De datum van de evaluatie door VDAB kan niet in de toekomst liggen.")
        if field.data and self.received_on and field.data < self.received_on:
            raise ValidationError("VDAB evalueert na de aanvraag tot evaluatie: kies een datum vanaf "
                                  f"{self.received_on:%d/%m/%Y}.")


class RefuseForm(Form):
    reasons = TextAreaField("Redenen van de weigering", validators=[
        InputRequired("Geef de reden van de weigering; de aanvrager leest ze in de beslissing."), Length(max=4000)])


SOURCES = [("vdab", "VDAB: behoefte en arbeidshandicap"), ("rsz", "RSZ: tewerkstellingen in DIMONA"),
           ("onderwijs", "Departement Onderwijs: tewerkstellingen"),
           ("dienstverleners", "Erkende dienstverleners (begeleiding individueel maatwerk)"),
           ("pakketten", "Werkondersteuningspakketten (WOP 1 tot 5)"),
           ("dmfa", "RSZ: kwartaalaangiften (DmfA): dagen, uren en loon per werknemer"),
           ("parameters", "Parameters van de premieberekening (plafond referteloon, afronding, daling van de "
                           "loonpremie per jaar, begeleidingspremie), met bron")]


class ReferenceUploadForm(Form):
    source = SelectField("Bron", choices=[SelectChoice(value, label) for value, label in SOURCES], validators=[InputRequired("Kies de bron.")])
    file = FileField("CSV-bestand", validators=[FileRequired("Kies een CSV-bestand.")])



def one_line(value):
    """A subject is one header line: line breaks pasted into it become spaces."""
    return " ".join(value.split()) if isinstance(value, str) else value


def _merge_fields_known(form, field):
    unknown = unknown_fields(field.data or "")
    if unknown:
        known = ", ".join("{" + name + "}" for name in MERGE_FIELDS)
        raise ValidationError(f"{', '.join('{' + u + '}' for u in unknown)} kent het loket niet. U kunt {known} gebruiken.")


def _not_before(start_field: str):
    def check(form, field):
        start = form[start_field].data
        if field.data and start and field.data < start:
            raise ValidationError("De einddatum van het venster ligt voor de begindatum.")
    return check


def _only_when_planned(form, field):
    """The planned moment counts only with "Op een gepland moment"; there it must be filled in (an
    empty one used to send at once)."""
    if form.when.data != "gepland":
        field.errors[:] = []  # sent at once: whatever was typed there does not count
        raise StopValidation()
    if not (field.raw_data and field.raw_data[0].strip()):
        field.errors[:] = []
        raise StopValidation("Vul de datum en het uur in waarop het bericht vertrekt.")


BODY_HINT = ("De aanhef (Beste …) en de verwijzing naar de dossiers van de ontvanger voegt het loket zelf toe. "
             "Invulvelden: " + "; ".join("{" + name + "}: " + text for name, text in MERGE_FIELDS.items()) + ".")


class BulkMessageForm(Form):
    subject = StringField("Onderwerp", filters=[one_line], validators=[
        InputRequired("Vul het onderwerp van het bericht in."), Length(max=200, message="Het onderwerp is te lang (maximaal 200 tekens)."),
        _merge_fields_known])
    body = TextAreaField("Bericht", description=BODY_HINT,
                         validators=[InputRequired("Schrijf het bericht."),
                                     Length(max=10000, message="Het bericht is te lang (maximaal 10.000 tekens)."),
                                     _merge_fields_known])
    measure = SelectField("Maatregel", choices=choices([("", "Alle maatregelen"), *((m.code, m.title) for m in MEASURES)]))
    audience = RadioField("Aan wie?", choices=choices(AUDIENCES.items()),
                          validators=[InputRequired("Kies aan wie u het bericht stuurt.")])
    begin_from = DateField("Premie begint op of na", validators=[Optional()])
    begin_to = DateField("Premie begint op of voor", validators=[Optional(), _not_before("begin_from")])
    end_from = DateField("Einddatum op of na", validators=[Optional()])
    end_to = DateField("Einddatum op of voor", validators=[Optional(), _not_before("end_from")])
    enterprise = SelectField("Onderneming of scholengroep", default="", validate_choice=False)
    province = SelectField("Provincie van de vestiging", default="",
                           choices=choices([("", "Alle provincies"), *PROVINCES.items()]))
    preview_for = SelectField("Voorbeeld voor", validate_choice=False)
    when = RadioField("Wanneer versturen?", default="nu", choices=choices([
        ("nu", "Meteen na bevestiging"), ("gepland", "Op een gepland moment")]))
    send_at = DateTimeLocalField("Gepland op (Belgische tijd)", validators=[_only_when_planned])
    token = HiddenField()
    expected = HiddenField()
    confirm = BooleanField("Ik heb het voorbeeld en het aantal ontvangers nagelezen: verstuur dit bericht.")

    def setup(self):
        options = [("", "Alle ondernemingen en scholengroepen")]
        for enterprise in db.session.scalars(db.select(Enterprise).order_by(Enterprise.name)):
            options.append((str(enterprise.id), f"{enterprise.name} ({enterprise.display_number})"))
        self.enterprise.choices = choices(options)
        return self

    def validate_enterprise(self, field):
        if field.data and field.data not in {c.value for c in field.choices}:
            raise ValidationError("Kies een onderneming uit de lijst.")

    def validate_send_at(self, field):
        if field.data is not None and utc_from_local(field.data) <= now():
            raise ValidationError("Het geplande moment ligt in het verleden: kies een later moment.")

    def filters(self) -> Filters:
        return Filters(begin_from=self.begin_from.data, begin_to=self.begin_to.data, end_from=self.end_from.data,
                       end_to=self.end_to.data, enterprise_id=int(self.enterprise.data) if self.enterprise.data else None,
                       province=self.province.data or "")

    def planned_at(self):
        """The planned moment as stored (UTC), or None to send at once."""
        return utc_from_local(self.send_at.data) if self.when.data == "gepland" and self.send_at.data else None


# How far back a paper application's day of receipt may lie. No seed sets a bound: this is the
# portal's own guard against a typing error (2020 for 2026), one year, a year ago to the day included.
PAPER_RECEIVED_MAX_YEARS = 1


class PaperForm(Form):
    applicant = SelectField("Voor welke onderneming of school?",
                            validators=[InputRequired("Kies de onderneming waarvoor u de aanvraag invoert.")])
    received_on = DateField("Ontvangen op", description="De dag waarop het departement het papieren formulier "
                            "ontving: de premie loopt vanaf het kwartaal van aanvraag.",
                            validators=[InputRequired("Vul de datum van ontvangst in.")])

    def setup(self):
        options = [("", "Kies een onderneming")]
        for enterprise in db.session.scalars(db.select(Enterprise).order_by(Enterprise.name)):
            if enterprise.is_school_group:
                options += [(f"{enterprise.id}:{s.id}", f"{enterprise.display_number} – {enterprise.name}, {s.name}")
                            for s in enterprise.establishments if s.is_school]
            else:
                options.append((f"{enterprise.id}:", f"{enterprise.display_number} – {enterprise.name}"))
        self.applicant.choices = choices(options)
        return self

    def validate_received_on(self, field):
        if field.data and field.data > today():
            raise ValidationError("De datum van ontvangst ligt in de toekomst.")
        if field.data and field.data < anniversary(today(), -PAPER_RECEIVED_MAX_YEARS):
            raise ValidationError(f"Een papieren aanvraag ontvangen op {field.data:%d/%m/%Y} ligt meer dan een jaar "
                                  "terug: kijk de datum na.")


class WopOutcomeForm(Form):
    """What VDAB did with a WOP correction or evaluation (seed 004): the talk and the letter lie
    between the request and today (portal/domain/wop.py)."""

    outcome = SelectField("Uitkomst", validators=[InputRequired("Kies de uitkomst.")])
    talk_on = DateField("Datum van het gesprek op de werkvloer", validators=[Optional()])
    letter_on = DateField("Datum van de (aangetekende) brief van VDAB",
                          validators=[InputRequired("Vul de datum van de brief in.")])
    requested_on = None

    def offer(self, outcomes: dict, request) -> "WopOutcomeForm":
        # An empty first option: a required select must not start on a real outcome (HTML; staff choose).
        self.outcome.choices = choices([("", "Kies de uitkomst"), *outcomes.items()])
        # A dossier can have a correction and an evaluation at VDAB, one form each on the page: the
        # ids (and so each label's field) are the request's own; the names stay what is posted.
        for field in (self.outcome, self.talk_on, self.letter_on):
            field.id = field.label.field_id = f"{field.name}-{request.id}"
        self.requested_on = local_time(request.created_at).date()
        return self

    def validate_talk_on(self, field):
        if field.data and (problem := wop.talk_problem(field.data, self.requested_on, today())):
            raise ValidationError(problem)

    def validate_letter_on(self, field):
        talk_on = self.talk_on.data if not self.talk_on.errors else None
        if field.data and (problem := wop.letter_problem(field.data, talk_on, self.requested_on, today())):
            raise ValidationError(problem)
