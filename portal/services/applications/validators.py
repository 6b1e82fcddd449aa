"""WTForms validators that call the maintained libraries (stdnum, schwifty, phonenumbers)."""

from datetime import date

import phonenumbers
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException
from wtforms.validators import StopValidation, ValidationError

from portal.clock import today
from portal.domain.identifiers import InvalidIdentifier, parse_national_number
from portal.domain.quarters import anniversary


def national_number(form, field):
    if field.data:
        try:
            field.data = parse_national_number(field.data)
        except InvalidIdentifier as error:
            raise ValidationError(str(error))


def phone(form, field):
    if not field.data:
        return
    try:
        number = phonenumbers.parse(field.data, "BE")
    except phonenumbers.NumberParseException:
        raise ValidationError("Dit is geen geldig telefoonnummer. Bijvoorbeeld 015 12 34 56 of +32 470 12 34 56.")
    if not phonenumbers.is_valid_number(number):
        raise ValidationError("Dit telefoonnummer bestaat niet. Bijvoorbeeld 015 12 34 56 of +32 470 12 34 56.")
    field.data = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def iban(form, field):
    if not field.data:
        return
    try:
        parsed = IBAN(field.data)
    except SchwiftyException:
        raise ValidationError("Dit rekeningnummer klopt niet. Een Belgisch IBAN ziet eruit als BE71 0961 2345 6769.")
    field.data = parsed.formatted
    form.bank_name = parsed.bank_name or ""
    if form.bank_name:
        field.description = f"Bank: {form.bank_name}"


def belgian_postcode(form, field):
    if field.data and not (field.data.isdigit() and len(field.data) == 4 and 1000 <= int(field.data) <= 9999):
        raise ValidationError("Een Belgische postcode telt 4 cijfers, bijvoorbeeld 2800.")


EARLIEST_DATE = date(1950, 1, 1)


def plausible_date(form, field):
    """A date typed by keyboard can become year 2 or 20260: refuse anything before 1 January 1950
    or more than a year after today, so a typo never reaches the overview or the department."""
    if not field.data:
        return
    latest = anniversary(today(), 1)
    if field.data < EARLIEST_DATE:
        raise StopValidation(f"Deze datum ligt te ver in het verleden. Vul een datum vanaf "
                             f"{EARLIEST_DATE:%d/%m/%Y} in, als dd/mm/jjjj.")
    if field.data > latest:
        raise StopValidation(f"Deze datum ligt te ver in de toekomst. Vul een datum tot en met "
                             f"{latest:%d/%m/%Y} in, als dd/mm/jjjj.")
