"""Who may see which meetings and documents (STYLE.md: one helper per model, 404 otherwise).

Staff (coordinators, the POF secretariat) see every meeting. A logged-in person sees the
meetings they are invited to and those of the bodies where they are a current delegate; the
documents and minutes of a meeting only then. Everyone else: nothing (a 404).
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from steunpunt.accounts.roles import is_staff_member

from ..models import Delegate, Meeting, MeetingDocument


def meetings_for_user(user) -> QuerySet[Meeting]:
    meetings = Meeting.objects.select_related("body")
    if not user.is_authenticated:
        return meetings.none()
    if is_staff_member(user):
        return meetings
    today = timezone.localdate()
    bodies = (
        Delegate.objects.current(today)
        .filter(person__user=user, mandate__in=_current_mandates(today))
        .values("mandate__body")
    )
    return meetings.filter(
        Q(invitations__person__user=user) | Q(body__in=bodies),
        status__in=[
            Meeting.Status.PLANNED,
            Meeting.Status.HELD,
            Meeting.Status.MINUTES_PUBLISHED,
            Meeting.Status.CANCELLED,
        ],
    ).distinct()


def _current_mandates(today):
    from ..models import Mandate

    return Mandate.objects.current(today).values("pk")


def get_meeting_for_user(user, uuid) -> Meeting:
    return get_object_or_404(meetings_for_user(user), uuid=uuid)


def documents_for_user(user) -> QuerySet[MeetingDocument]:
    return MeetingDocument.objects.filter(meeting__in=meetings_for_user(user).values("pk"))


def get_document_for_user(user, uuid) -> MeetingDocument:
    return get_object_or_404(documents_for_user(user).select_related("meeting"), uuid=uuid)
