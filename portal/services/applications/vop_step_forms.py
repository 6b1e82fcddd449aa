"""The VOP step forms. Validation here; the rules come from portal/domain."""

from wtforms import BooleanField, DateField, RadioField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from portal.clock import today
from portal.domain import vop
from portal.domain.vop_flow import NO, YES, for_self
from portal.forms import choices
from portal.services.applications import step_forms, validators

YES_NO = [(YES, "Ja"), (NO, "Nee")]



def _yes_no(label: str, message: str) -> RadioField:
    return RadioField(label, choices=choices(YES_NO), validators=[InputRequired(message)])


class ForWhomForm(step_forms.StepForm):
    voor_wie = RadioField("Voor wie vraagt u de VOP aan?",
                          choices=choices([(vop.FOR_SELF, "Voor mezelf, als zelfstandige met een arbeidshandicap"),
                                           (vop.FOR_EMPLOYEE, "Voor een werknemer in mijn dienst")]),
                          validators=[InputRequired("Kies of u de VOP voor uzelf of voor een werknemer aanvraagt.")])


class ConditionsForm(step_forms.StepForm):
    """Seed 001: the conditions as plain questions; seed 001: the no-dismissal declarations."""

    def setup(self, ctx):
        asked = {condition.code for condition in vop.conditions_for(for_self(ctx))}
        for condition in vop.CONDITIONS:
            if condition.code not in asked:
                delattr(self, condition.code)
        if for_self(ctx):
            for code, _text in vop.DECLARATIONS:
                delattr(self, code)


for _condition in vop.CONDITIONS:
    setattr(ConditionsForm, _condition.code,
            _yes_no(_condition.question, f"Beantwoord de vraag ‘{_condition.question}’"))
for _code, _text in vop.DECLARATIONS:
    setattr(ConditionsForm, _code, BooleanField(_text))


class CumulationForm(step_forms.StepForm):
    """Seed 001: each of the eight non-cumulable measures, answered."""


for _measure in vop.NON_CUMULABLE:
    setattr(CumulationForm, _measure.code,
            _yes_no(f"Krijgt u voor deze werknemer {_measure.label}?",
                    "Beantwoord elke vraag met ja of nee."))


class EmployeeForm(step_forms.EmployeeForm):
    """The employee and the employment; for an increase or extension, the employee of the base
    application."""

    def validate_start_date(self, field):
        if field.data:
            reason = vop.hiring_reason(field.data, today())
            if reason:
                raise ValidationError(reason)

    def validate_national_number(self, field):
        application = self.wizard.application if self.wizard is not None else None
        base = application.answer("soort", "national_number") if application is not None else None
        if base and field.data and field.data != base:
            raise ValidationError("Een verhoging of verlenging gaat over de werknemer van de basisaanvraag. "
                                  "Vul diens rijksregisternummer in of start een nieuwe basisaanvraag.")
        super().validate_national_number(field)


class SelfEmployedForm(step_forms.SelfEmployedForm):
    start_date = DateField(
        "Sinds wanneer bent u zelfstandige?",
        description="Minder dan een jaar zelfstandig: u voegt een attest op leefbaarheid toe. Langer: "
                    "uw laatst ontvangen aanslagbiljet.",
        validators=[InputRequired("Vul de startdatum van uw zelfstandige activiteit in."), validators.plausible_date])

    def validate_start_date(self, field):
        if field.data and field.data > today():
            raise ValidationError("De startdatum van uw zelfstandige activiteit ligt in de toekomst.")


class MotivationForm(step_forms.StepForm):
    motivatie = TextAreaField("Motivatie", validators=[InputRequired("Motiveer uw aanvraag."), Length(max=5000)])

    def setup(self, ctx):
        if ctx.kind == vop.VERHOGING:
            self.motivatie.label.text = "Waarom volstaat de premie van 40% niet?"
            self.motivatie.description = (
                "Een verhoging tot hoogstens 60% kan enkel in zeer uitzonderlijke gevallen, gelet op de ernstige "
                "ziekteproblematiek van de werknemer. Een deskundige van VDAB komt ter plaatse na of een "
                "verhoging aangewezen is. Voeg bij de documenten ook het motivatiedocument toe.")
        else:
            self.motivatie.label.text = "Waarom vraagt u het behoud van de VOP aan?"
            self.motivatie.description = (
                "U hebt recht op een verlenging als de kosten van de inschakeling, van de ondersteuning en van de "
                "verminderde productiviteit minstens 20% van het referteloon bedragen. Voeg bij de documenten "
                "ook het motivatiedocument toe.")


class AccountForm(step_forms.AccountForm):
    iban = step_forms.AccountForm.iban.field_class(
        "Rekeningnummer (IBAN) van de onderneming",
        description="Vul het rekeningnummer van uw onderneming in, niet dat van uw werknemer. Het geldt voor "
                    "alle aanvragen van uw onderneming.",
        validators=step_forms.AccountForm.iban.kwargs["validators"])

    def setup(self, ctx):
        """A self-employed person applying for themselves has no employee (seed 001: "voor zichzelf
        of voor een werknemer"): the account is that of their own self-employed activity."""
        if for_self(ctx):
            self.iban.label.text = "Rekeningnummer (IBAN) van uw zelfstandige activiteit"
            self.iban.description = ("Vul het rekeningnummer in waarop u de Vlaamse ondersteuningspremie wilt "
                                     "ontvangen: dat van uw zelfstandige activiteit. Het geldt voor alle "
                                     "aanvragen van uw onderneming.")


__all__ = ["ForWhomForm", "ConditionsForm", "CumulationForm", "EmployeeForm", "SelfEmployedForm",
           "MotivationForm", "AccountForm"]
