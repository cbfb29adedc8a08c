"""Form helpers shared by the apps' views.

`add_service_errors(form, error)` is the one way a view shows a service's refusal (a
ValidationError raised by a service, after the form itself was valid) on the form it came from:
each message next to its field when the form has that field, on top of the form otherwise
(NON_FIELD_ERRORS, or a field the service knows but the form does not show). A ValidationError
without fields goes on top of the form. Codes and parameters of the messages are kept.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

__all__ = ["add_service_errors"]


def add_service_errors(form, error: ValidationError) -> None:
    errors = (
        error.error_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.error_list}
    )
    for field, field_errors in errors.items():
        form.add_error(field if field in form.fields else None, ValidationError(field_errors))
