"""The wizard's step forms. Each validates its own fields; the same form serves the inline htmx
check of one field and the full post of the step."""

from wtforms import BooleanField, DateField, EmailField, RadioField, SelectField, StringField
from wtforms.validators import Email, InputRequired, Length, NumberRange, ValidationError

from portal.domain.individueel_maatwerk import MET_BEGELEIDING, PREMIUMS
from portal.forms import CommaDecimalField, Form, choices
from portal.services.applications import validators

REQUIRED = "Vul {} in."


def required(what: str):
    return InputRequired(REQUIRED.format(what))


class StepForm(Form):
    """A wizard step; `wizard` is set by the view to give validators the draft's context."""

    wizard = None

    def setup(self, ctx) -> None:
        """Adjust the form to who applies (drop fields that do not apply)."""

    def answers(self) -> dict:
        """What the draft keeps of this step."""
        return dict(self.data)


class ContactForm(StepForm):
    name = StringField("Naam van de contactpersoon", validators=[required("de naam van de contactpersoon"), Length(max=200)])
    email = EmailField("E-mailadres", validators=[required("een e-mailadres"), Email("Vul een geldig e-mailadres in, bijvoorbeeld naam@bedrijf.be.", check_deliverability=False), Length(max=254)])
    phone = StringField("Telefoonnummer", validators=[required("een telefoonnummer"), validators.phone])


class AddressMixin:
    street = StringField("Straat en huisnummer", validators=[required("de straat en het huisnummer"), Length(max=200)])
    postcode = StringField("Postcode", validators=[required("de postcode"), validators.belgian_postcode])
    municipality = StringField("Gemeente", validators=[required("de gemeente"), Length(max=100)])


class EmployeeForm(StepForm):
    national_number = StringField("Rijksregisternummer (INSZ) van de werknemer", validators=[required("het rijksregisternummer"), validators.national_number])
    first_name = StringField("Voornaam", validators=[required("de voornaam"), Length(max=100)])
    last_name = StringField("Achternaam", validators=[required("de achternaam"), Length(max=100)])
    start_date = DateField("Datum van indiensttreding", validators=[InputRequired("Vul de datum van indiensttreding in als dd/mm/jjjj."),
                                                                         validators.plausible_date])
    street = AddressMixin.street
    postcode = AddressMixin.postcode
    municipality = AddressMixin.municipality
    hours = CommaDecimalField("Aantal uren tewerkstelling per week",
                         validators=[InputRequired("Vul het aantal uren per week in, bijvoorbeeld 38 of 19,5."),
                                     NumberRange(1, 50, "Vul een aantal uren tussen 1 en 50 in.")])

    duplicate = None

    def validate_national_number(self, field):
        if self.wizard is not None and field.data:
            self.duplicate = self.wizard.duplicate_of(field.data)
            if self.duplicate is not None:
                raise ValidationError("Er loopt al een aanvraag voor deze werknemer. Per werknemer dient u één aanvraag in.")


class SelfEmployedForm(StepForm):
    national_number = StringField("Uw rijksregisternummer (INSZ)", validators=[required("uw rijksregisternummer"), validators.national_number])
    first_name = StringField("Voornaam", validators=[required("uw voornaam"), Length(max=100)])
    last_name = StringField("Achternaam", validators=[required("uw achternaam"), Length(max=100)])
    start_date = DateField("Sinds wanneer bent u zelfstandige?", validators=[InputRequired("Vul de startdatum van uw zelfstandige activiteit in."),
                                                                             validators.plausible_date])
    occupation = RadioField("U bent zelfstandige in", choices=choices([("hoofdberoep", "hoofdberoep"), ("bijberoep", "bijberoep")]),
                            validators=[InputRequired("Kies hoofdberoep of bijberoep.")])

    duplicate = None

    def validate_national_number(self, field):
        if self.wizard is not None and field.data:
            self.duplicate = self.wizard.duplicate_of(field.data)
            if self.duplicate is not None:
                raise ValidationError("U hebt al een lopende aanvraag. Per persoon dient u één aanvraag in.")


class PremiumForm(StepForm):
    premie = RadioField("Welke premie vraagt u aan?", choices=choices(PREMIUMS.items()),
                        validators=[InputRequired("Kies de premie die overeenkomt met de behoefte die VDAB vaststelde.")])
    onderwijs = RadioField("Is de werknemer tewerkgesteld via het Departement Onderwijs?", choices=choices([("ja", "Ja"), ("nee", "Nee")]),
                           validators=[InputRequired("Duid aan of de werknemer via het Departement Onderwijs tewerkgesteld is.")])

    def setup(self, ctx):
        if ctx.applicant_type != "school":
            del self.onderwijs


class SelfEmployedSupportForm(StepForm):
    ondersteuningspremie = BooleanField("Ik vraag de ondersteuningspremie voor zelfstandigen aan",
                                        validators=[InputRequired("Vink aan dat u de ondersteuningspremie aanvraagt.")])


class SearchableSelectField(SelectField):
    """A select with a search box above it (htmx narrows the options; without JavaScript the
    browser's own type-ahead works on the full list)."""

    searchable = True


class GuidanceForm(StepForm):
    guide_type = RadioField("Wie is de gekwalificeerde begeleider?",
                            choices=choices([("intern", "Een interne begeleider (bij ons in dienst)"), ("dienstverlener", "Een erkende dienstverlener")]),
                            validators=[InputRequired("Kies een interne begeleider of een erkende dienstverlener.")])
    guide_name = StringField("Naam van de interne begeleider", validators=[Length(max=200)],
                             description="Alleen bij een interne begeleider.")
    provider = SearchableSelectField("Erkende dienstverlener", choices=[], validate_choice=False,
                                     description="Alleen bij een erkende dienstverlener.")
    coach_name = StringField("Naam van de collega-coach", validators=[required("de naam van de collega-coach"), Length(max=200)])

    def setup(self, ctx):
        self.provider.choices = choices([("", "Kies een dienstverlener")] + (self.wizard.providers() if self.wizard else []))

    def validate_guide_name(self, field):
        if self.guide_type.data == "intern" and not (field.data or "").strip():
            raise ValidationError("Vul de naam van de interne begeleider in.")

    def validate_provider(self, field):
        if self.guide_type.data != "dienstverlener":
            return
        if not field.data:
            raise ValidationError("Kies de erkende dienstverlener uit de lijst.")
        if field.data not in {choice.value for choice in field.choices}:
            raise ValidationError("Deze dienstverlener staat niet in de lijst van erkende dienstverleners.")


class AccountForm(StepForm):
    iban = StringField("Rekeningnummer (IBAN) van de onderneming", validators=[required("het rekeningnummer"), validators.iban],
                       description="Het rekeningnummer van uw onderneming, niet dat van de werknemer.")
    bank_name = ""

    def answers(self):
        return {"iban": self.iban.data, "bank_name": self.bank_name}


__all__ = ["MET_BEGELEIDING"]
