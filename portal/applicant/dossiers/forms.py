"""The applicant's forms on a dossier: the answer to an information request, and the changes
reported on it (seed 003, step 7)."""

from flask_wtf.file import FileField, FileRequired, MultipleFileField
from wtforms import DateField, EmailField, RadioField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from portal.domain import changes, evaluations, wop
from portal.forms import Form, LeavingDayForm, choices
from portal.services.applications import validators
from portal.services.applications.step_forms import ContactForm


class AnswerForm(Form):
    answer = TextAreaField("Uw antwoord", validators=[
        InputRequired("Schrijf uw antwoord op de vraag van het departement."), Length(max=4000)])
    documents = MultipleFileField("Documenten (PDF of Word, maximaal 4 MB per bestand)")


# Changes: one form per kind; `details()` is what the notice keeps.

DOCUMENTS = "Documenten (PDF of Word, maximaal 4 MB per bestand)"


class ChangeKindForm(Form):
    kind = RadioField("Wat wijzigt er?", validators=[InputRequired("Kies wat er wijzigt.")])

    def offer(self, kinds: list[str]) -> "ChangeKindForm":
        self.kind.choices = choices((kind, changes.CHANGE_LABELS[kind]) for kind in kinds)
        return self


class ContactChangeForm(ContactForm):
    def details(self) -> dict:
        return {"name": self.name.data.strip(), "email": self.email.data.strip(), "phone": self.phone.data}


class AccountChangeForm(Form):
    iban = StringField("Nieuw rekeningnummer (IBAN) van de onderneming",
                       validators=[InputRequired("Vul het nieuwe rekeningnummer in."), validators.iban])
    documents = MultipleFileField(DOCUMENTS, description="Bijvoorbeeld een bankattest op naam van de onderneming.")
    bank_name = ""

    def details(self) -> dict:
        return {"iban": self.iban.data, "bank_name": self.bank_name}


class LeavingForm(LeavingDayForm):
    last_day = DateField("Laatste werkdag van de werknemer",
                         validators=[InputRequired("Vul de laatste werkdag in als dd/mm/jjjj.")])
    documents = MultipleFileField(DOCUMENTS)

    def details(self) -> dict:
        return {"last_day": self.last_day.data.isoformat()}


class GuidanceChangeForm(Form):
    valid_from = DateField("Vanaf wanneer?", validators=[InputRequired("Vul de datum van de wijziging in als dd/mm/jjjj.")])
    guide_type = RadioField("Wie is de gekwalificeerde begeleider?",
                            choices=choices([("intern", "Een interne begeleider (bij ons in dienst)"),
                                             ("dienstverlener", "Een erkende dienstverlener")]),
                            validators=[InputRequired("Kies een interne begeleider of een erkende dienstverlener.")])
    guide_name = StringField("Naam van de begeleider of de erkende dienstverlener",
                             validators=[InputRequired("Vul de naam van de begeleider in."), Length(max=200)])
    coach_name = StringField("Naam van de collega-coach",
                             validators=[InputRequired("Vul de naam van de collega-coach in."), Length(max=200)])
    documents = MultipleFileField(DOCUMENTS, description="Bij een interne begeleider: het bewijs van kwalificatie.")

    def validate_documents(self, field):
        """An internal guide needs a proof of qualification (seed 003), as in the application."""
        if self.guide_type.data == "intern" and not any(f and f.filename for f in field.data or []):
            raise ValidationError("Voeg het bewijs van kwalificatie van de interne begeleider toe.")

    def details(self) -> dict:
        return {"from": self.valid_from.data.isoformat(), "guide_type": self.guide_type.data,
                "guide_name": self.guide_name.data.strip(), "coach_name": self.coach_name.data.strip()}


CHANGE_FORMS = {
    changes.CONTACT: ContactChangeForm,
    changes.ACCOUNT: AccountChangeForm,
    changes.LEAVING: LeavingForm,
    changes.GUIDANCE: GuidanceChangeForm,
}


# Requests about a dossier: an evaluation (seed 003) and a reconsideration (seeds 000, 001).

class EvaluationForm(Form):
    kind = RadioField("Wat wilt u laten evalueren?", validators=[InputRequired("Kies wat u wilt laten evalueren.")])
    motivation = TextAreaField("Toelichting", validators=[Optional(), Length(max=4000)],
                               description="Wat is er veranderd voor de werknemer op de werkvloer?")

    document_kinds: tuple[str, ...] = ()

    def offer(self, allowed: list[str]) -> "EvaluationForm":
        self.kind.choices = choices((kind, evaluations.KINDS[kind]) for kind in allowed)
        return self

    def files(self) -> list[tuple[str, str, bytes]]:
        """(document kind, file name, content) of every document, read and closed."""
        found = []
        for kind in self.document_kinds:
            upload = self[kind].data
            found.append((kind, upload.filename, upload.read()))
            upload.close()
        return found


def evaluation_form(documents) -> type[EvaluationForm]:
    """The evaluation form with one file field per document this dossier's request needs (seed 003)."""
    class Form_(EvaluationForm):
        pass
    for document in documents:
        setattr(Form_, document.kind, FileField(document.label, description=document.hint, validators=[
            FileRequired(f"Voeg het document toe: {document.label[0].lower()}{document.label[1:]}.")]))
    Form_.document_kinds = tuple(document.kind for document in documents)
    return Form_


class ReconsiderationForm(Form):
    motivation = TextAreaField("Motivering van uw verzoek tot heroverweging", validators=[
        InputRequired("Schrijf waarom u een heroverweging vraagt."), Length(max=4000)])
    documents = MultipleFileField(DOCUMENTS, description="Bijvoorbeeld een medisch verslag of de weigeringsbrief van VDAB.")


# The werkondersteuningspakket (seed 004): a correction and an evaluation the employee co-signs.

class WopCorrectionForm(Form):
    motivation = TextAreaField("Waarom klopt het werkondersteuningspakket niet?", validators=[
        InputRequired("Schrijf waarom het werkondersteuningspakket niet klopt."), Length(max=4000)])
    documents = MultipleFileField(DOCUMENTS, description="Bijvoorbeeld een attest dat tot een hoger pakket leidt.")


class WopEvaluationForm(Form):
    reason = RadioField("Waarom vraagt u een evaluatie?", choices=choices(wop.REASONS.items()),
                        validators=[InputRequired("Kies waarom u een evaluatie vraagt.")])
    motivation = TextAreaField("Toelichting", validators=[
        InputRequired("Schrijf wat er veranderd is voor de werknemer."), Length(max=4000)])
    pop_on = DateField("Datum van het meest recente POP", validators=[
        InputRequired("Vul de datum van het POP in als dd/mm/jjjj.")],
        description="Het persoonlijk ontwikkelingsplan is hoogstens een jaar oud.")
    wop_pop = FileField("POP (persoonlijk ontwikkelingsplan)", validators=[FileRequired("Voeg het POP toe.")])
    wop_motivatieverslag = FileField("Motivatieverslag", validators=[FileRequired("Voeg het motivatieverslag toe.")],
                                     description="Bij een gewijzigde medische of bijkomende psychosociale problematiek: "
                                                 "het motivatieverslag dat een arts, externe dienst of onafhankelijke "
                                                 "instantie ondertekende.")
    employee_email = EmailField("E-mailadres van de werknemer", validators=[
        InputRequired("Vul het e-mailadres van de werknemer in."),
        Email("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.be.", check_deliverability=False),
        Length(max=254)],
        description="De werknemer krijgt hier de link om de aanvraag mee te ondertekenen.")

    def files(self) -> list[tuple[str, str, bytes]]:
        """(document kind, file name, content) of the POP and the motivation report, read and closed."""
        found = []
        for field in (self.wop_pop, self.wop_motivatieverslag):
            found.append((field.name, field.data.filename, field.data.read()))
            field.data.close()
        return found
