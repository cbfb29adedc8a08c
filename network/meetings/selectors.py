"""Reads of meetings: the invitation behind a personal link, and for the staff pages meetings
with their counts, invitees, attendance and representation, open actions, people."""

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404

from steunpunt.core.models import Organisation, Person

from ..models import Action, AgendaItem, Attendance, Invitation, Meeting


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("meeting__body", "person", "organisation")
        .filter(token=token)
        .first()
    )


def staff_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("body").annotate(
        invited=Count("invitations", distinct=True),
        answered=Count(
            "invitations",
            filter=~Q(invitations__response=Invitation.Response.PENDING),
            distinct=True,
        ),
    )


def get_staff_meeting(uuid) -> Meeting:
    """Staff see every meeting; an unknown one is a 404 (the role is checked by the view)."""
    return get_object_or_404(Meeting.objects.select_related("body"), uuid=uuid)


def get_agenda_item(meeting: Meeting, pk: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting", "parent"), meeting=meeting, pk=pk
    )


def agenda_rows(meeting: Meeting) -> list:
    """The schedule with each item's presenter and documents loaded in two queries."""
    items = AgendaItem.objects.select_related("presenter").prefetch_related("documents")
    prefetch_related_objects([meeting], Prefetch("agenda_items", queryset=items))
    return meeting.schedule()


def invitation_rows(meeting: Meeting) -> QuerySet[Invitation]:
    return meeting.invitations.select_related("person", "organisation").order_by(
        "organisation__name", "person__last_name", "person__first_name"
    )


def attendance_by_person(meeting: Meeting) -> dict[int, Attendance]:
    return {a.person_id: a for a in meeting.attendance.filter(person__isnull=False)}


def other_attendance(meeting: Meeting) -> QuerySet[Attendance]:
    """Those registered at the door who were not invited (by name or not on the list)."""
    invited = meeting.invitations.values("person")
    return (
        meeting.attendance.select_related("person", "organisation")
        .filter(Q(person__isnull=True) | ~Q(person__in=invited))
        .order_by("organisation__name", "name")
    )


def representation(meeting: Meeting) -> dict[Organisation, str]:
    """Per invited or attending organisation: present, excused or absent (any present wins)."""
    rank = {Attendance.Status.PRESENT: 0, Attendance.Status.EXCUSED: 1, Attendance.Status.ABSENT: 2}
    result: dict[Organisation, str] = {}
    for invitation in meeting.invitations.select_related("organisation"):
        if invitation.organisation_id:
            result.setdefault(invitation.organisation, Attendance.Status.ABSENT)
    for row in meeting.attendance.select_related("organisation").filter(organisation__isnull=False):
        current = result.get(row.organisation)
        if current is None or rank[row.status] < rank[current]:
            result[row.organisation] = row.status
    return dict(sorted(result.items(), key=lambda pair: pair[0].name))


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The meeting of the same body before this one (not cancelled): its minutes are approved."""
    return (
        Meeting.objects.filter(body=meeting.body_id, starts_at__lt=meeting.starts_at)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at")
        .first()
    )


def search_people(query: str, *, exclude_meeting: Meeting, limit: int = 20) -> list[Person]:
    query = query.strip()
    if len(query) < 2:
        return []
    words = query.split()
    people = Person.objects.exclude(invitations__meeting=exclude_meeting)
    for word in words:
        people = people.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return list(people.order_by("last_name", "first_name")[:limit])


def open_actions() -> QuerySet[Action]:
    return (
        Action.objects.filter(status=Action.Status.OPEN)
        .select_related("meeting__body", "owner", "owner_organisation")
        .order_by("due_on", "meeting__starts_at", "pk")
    )


HISTORY_MEETINGS = 10
STATUS_RANK = {
    Attendance.Status.PRESENT: 0,
    Attendance.Status.EXCUSED: 1,
    Attendance.Status.ABSENT: 2,
}


def attendance_history(body, *, limit: int = HISTORY_MEETINGS) -> dict:
    """Who was there at the body's last held meetings: per organisation (any person present
    counts for it) and per person, with totals. Three queries whatever the number of rows."""
    meetings = list(
        Meeting.objects.filter(
            body=body,
            status__in=[Meeting.Status.HELD, Meeting.Status.MINUTES_PUBLISHED],
        ).order_by("-starts_at")[:limit]
    )[::-1]
    rows = list(
        Attendance.objects.filter(meeting__in=meetings).select_related("person", "organisation")
    )
    organisations = sorted(
        {m.organisation for m in body.mandates.current().select_related("organisation")}
        | {r.organisation for r in rows if r.organisation_id},
        key=lambda o: o.name,
    )
    by_org: dict[tuple[int, int], str] = {}
    people: dict[str, dict] = {}
    for row in rows:
        if row.organisation_id:
            key = (row.organisation_id, row.meeting_id)
            current = by_org.get(key)
            if current is None or STATUS_RANK[row.status] < STATUS_RANK[current]:
                by_org[key] = row.status
        person = people.setdefault(
            row.display_name, {"name": row.display_name, "counts": dict.fromkeys(STATUS_RANK, 0)}
        )
        person["counts"][row.status] += 1
    org_rows = []
    for organisation in organisations:
        cells = [by_org.get((organisation.pk, m.pk), Attendance.Status.ABSENT) for m in meetings]
        present = sum(1 for c in cells if c == Attendance.Status.PRESENT)
        org_rows.append({"organisation": organisation, "cells": cells, "present": present})
    return {
        "meetings": meetings,
        "organisations": org_rows,
        "people": sorted(people.values(), key=lambda p: p["name"]),
    }
