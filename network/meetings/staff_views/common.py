"""What every staff page shares: the role check, bound forms, errors of services on the
form, the meeting header's context and the safe way back."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from steunpunt.accounts.permissions import role_required
from steunpunt.accounts.roles import Role

from ...models import Meeting

STAFF_ROLES = Role.staff_roles()
staff_only = role_required(*STAFF_ROLES)


def bound_data(request):
    """The posted data (even when empty, so the form is bound and says what is missing)."""
    return request.POST if request.method == "POST" else None


def errors_to_form(form, exc: ValidationError) -> None:
    """A service's refusal shown on the form, next to the field it is about where possible."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, field_errors in errors.items():
        target = field if field in form.fields else None
        for error in field_errors:
            form.add_error(None if field == NON_FIELD_ERRORS else target, error)


def meeting_context(meeting: Meeting, tab: str) -> dict:
    return {
        "meeting": meeting,
        "tab": tab,
        "starts_at": timezone.localtime(meeting.starts_at),
        "Status": Meeting.Status,
    }


def next_url(request, default: str) -> str:
    """Back to the staff page the button was on (only a path of this site)."""
    target = request.POST.get("next", "")
    if target.startswith("/netwerk/beheer/") and "//" not in target:
        return target
    return default
