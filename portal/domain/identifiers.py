"""Belgian identifiers, validated with python-stdnum; the messages are the portal's, in Dutch."""

from stdnum.be import nn, vat
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError


class InvalidIdentifier(ValueError):
    """Carries a Dutch message fit to show next to the field."""


def parse_enterprise_number(value: str) -> str:
    """Return the 10 digits of an ondernemingsnummer (seed 003: starts with 0 or 1, mod-97 check)."""
    try:
        return vat.validate(value or "")
    except InvalidLength:
        raise InvalidIdentifier("Een ondernemingsnummer telt 10 cijfers, bijvoorbeeld 0403.170.701.")
    except InvalidChecksum:
        raise InvalidIdentifier("Dit ondernemingsnummer bestaat niet: het controlegetal klopt niet.")
    except (InvalidFormat, ValidationError):
        raise InvalidIdentifier(
            "Een ondernemingsnummer begint met 0 of 1 en bevat enkel cijfers, bijvoorbeeld 0403.170.701."
        )


def format_enterprise_number(digits: str) -> str:
    """Show an ondernemingsnummer as 0xxx.xxx.xxx."""
    digits = vat.compact(digits)
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def parse_national_number(value: str) -> str:
    """Return the 11 digits of a rijksregisternummer (INSZ)."""
    try:
        return nn.validate(value or "")
    except InvalidLength:
        raise InvalidIdentifier("Een rijksregisternummer telt 11 cijfers, bijvoorbeeld 85.07.30-033.28.")
    except InvalidChecksum:
        raise InvalidIdentifier("Dit rijksregisternummer bestaat niet: het controlegetal klopt niet.")
    except (InvalidFormat, ValidationError):
        raise InvalidIdentifier("Dit is geen geldig rijksregisternummer. Gebruik de vorm 85.07.30-033.28.")


def format_national_number(digits: str) -> str:
    return nn.format(digits)
