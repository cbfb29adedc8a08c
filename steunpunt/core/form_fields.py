"""Form fields shared by the apps' forms.

`KeyedModelMultipleChoiceField` is Django's ModelMultipleChoiceField that checks every key
before it reaches the database: a key that is not an integer, or an integer the key column
cannot hold (`99999999999999999999`), is refused with Django's own Dutch "invalid choice"
message. Django's field sends such a key into a `pk__in` query, where it raises (OverflowError
on SQLite, a DataError on PostgreSQL): a 500 on a form anyone can post.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection, models


class KeyedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        meta = self.queryset.model._meta
        key_field = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        if isinstance(key_field, models.IntegerField):
            low, high = connection.ops.integer_field_range(key_field.get_internal_type())
            for key in value:
                self._check_integer_key(key, low, high)
        return super()._check_values(value)

    def _check_integer_key(self, key, low, high):
        text = str(key).strip()
        try:
            number = int(text) if text.isascii() else None
        except ValueError:
            number = None
        if number is None:
            raise ValidationError(
                self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": key}
            )
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": key}
            )


# Control characters (C0, DEL, C1) have no place in a search: a NUL byte would be echoed back
# into the page and PostgreSQL refuses it in a query. Tabs and line breaks become spaces.
_CONTROL = dict.fromkeys([*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)], " ")
SEARCH_MAX_LENGTH = 200


def clean_search_text(value) -> str:
    """A search box's text without control characters, spaces collapsed, at most 200 long."""
    if not isinstance(value, str):
        return ""
    return " ".join(value.translate(_CONTROL).split())[:SEARCH_MAX_LENGTH]


class SearchField(forms.CharField):
    """A search box: control characters dropped (also in what the page shows back), so a NUL
    byte or an escape sequence in the query string never reaches the page or the database."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.validators = [
            v for v in self.validators if type(v).__name__ != "ProhibitNullCharactersValidator"
        ]

    def to_python(self, value):
        return clean_search_text(value)

    def bound_data(self, data, initial):
        return clean_search_text(data)


def is_valid_key(model, to_field_name, value) -> bool:
    """Whether `value` can name a row of `model` by its key (`to_field_name`, or the primary
    key) without a query raising: an integer key is ASCII digits in the column's range, any
    other key converts with its field and holds no NUL byte."""
    if isinstance(value, model):
        return True
    meta = model._meta
    key_field = meta.get_field(to_field_name) if to_field_name else meta.pk
    text = str(value).strip()
    if not text or "\x00" in text:
        return False
    if isinstance(key_field, models.IntegerField):
        digits = text.removeprefix("-")
        if not (digits.isascii() and digits.isdigit()):
            return False
        low, high = connection.ops.integer_field_range(key_field.get_internal_type())
        number = int(text)
        return (low is None or number >= low) and (high is None or number <= high)
    try:
        key_field.to_python(text)
    except ValidationError:
        return False
    return True


class KeyedModelChoiceField(forms.ModelChoiceField):
    """Django's ModelChoiceField that checks the posted key first (see `is_valid_key`): a
    malformed key is Django's Dutch "invalid choice", not a query that raises."""

    def to_python(self, value):
        if value not in self.empty_values and not is_valid_key(
            self.queryset.model, self.to_field_name, value
        ):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)
