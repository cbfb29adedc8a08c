"""What every staff page shares: the role check, bound forms, errors of services on the
form, the meeting header's context and the safe way back."""

from django.utils import timezone

from steunpunt.accounts.permissions import role_required
from steunpunt.accounts.roles import Role

from ...models import Meeting

STAFF_ROLES = Role.staff_roles()
staff_only = role_required(*STAFF_ROLES)


def bound_data(request):
    """The posted data (even when empty, so the form is bound and says what is missing)."""
    return request.POST if request.method == "POST" else None


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
