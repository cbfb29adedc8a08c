"""Belgian enterprise numbers (ondernemingsnummer): 10 digits, the last two a mod-97 check."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_enterprise_number(value: str) -> str:
    """Keep the digits; a 9-digit number (old format) gets its leading 0."""
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    if len(digits) == 9:
        digits = "0" + digits
    return digits


def is_valid_enterprise_number(value: str) -> bool:
    digits = normalise_enterprise_number(value)
    if len(digits) != 10 or digits[0] not in "01":
        return False
    return 97 - int(digits[:8]) % 97 == int(digits[8:])


def validate_enterprise_number(value: str) -> None:
    if not value:
        return
    digits = normalise_enterprise_number(value)
    if len(digits) != 10:
        raise ValidationError(
            _("Een ondernemingsnummer heeft 10 cijfers, bijvoorbeeld 0123.456.749."),
            code="enterprise_number_length",
        )
    if not is_valid_enterprise_number(digits):
        raise ValidationError(
            _("Dit ondernemingsnummer bestaat niet: de controlecijfers kloppen niet."),
            code="enterprise_number_checksum",
        )


def format_enterprise_number(value: str) -> str:
    digits = normalise_enterprise_number(value)
    if len(digits) != 10:
        return value or ""
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def make_enterprise_number(base: int) -> str:
    """A valid number from an 8-digit base (used for demo data and tests)."""
    base = base % 20_000_000  # new-style numbers start with 0 or 1
    check = 97 - base % 97
    return f"{base:08d}{check:02d}"
