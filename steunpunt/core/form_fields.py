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
