"""Writes of meetings: meetings and their agenda, documents, invitations and answers,
attendance, minutes and actions.

Each service is keyword-only with an `actor`, runs in its own transaction and validates with
`full_clean()` before saving. Mail goes through the core's outbox: one row per recipient, in a
batch named after what it is, so the same invitation version never reaches anyone twice
(meetings/mails.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core.models import Organisation, Person
from steunpunt.core.outbox import Priority, enqueue_messages, templated_message

from ..models import (
    Action,
    AgendaItem,
    Attendance,
    Body,
    Delegate,
    GoodPractice,
    IllegalTransition,
    Invitation,
    Meeting,
    MeetingDocument,
    Minutes,
)
from . import mails
from .documents import inspect_document

# Fields whose change invitees must hear about (a new .ics with a higher SEQUENCE).
SCHEDULE_FIELDS = ("starts_at", "ends_at", "location", "online_url")
MEETING_ACTIONS = {
    "plan": Meeting.plan,
    "mark_held": Meeting.mark_held,
    "cancel": Meeting.cancel,
}


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


# Meetings


@transaction.atomic
def create_meeting(*, body: Body, actor, **fields) -> Meeting:
    meeting = Meeting(body=body, created_by=_user(actor), **fields)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def update_meeting(*, meeting: Meeting, actor, **fields) -> Meeting:
    """Change a meeting; a new date or place raises its version and mails the update."""
    if "status" in fields:
        raise ValidationError(_("De status wijzig je met een statuswijziging, niet hier."))
    meeting = _locked(meeting)
    changed = [name for name, value in fields.items() if getattr(meeting, name) != value]
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    reschedule = any(name in SCHEDULE_FIELDS for name in changed)
    if reschedule and meeting.invitations.filter(sent_at__isnull=False).exists():
        meeting.sequence += 1
    meeting.save()
    if reschedule:
        send_updates(meeting=meeting, actor=actor)
    return meeting


@transaction.atomic
def move_meeting(*, meeting: Meeting, action: str, actor) -> Meeting:
    if action not in MEETING_ACTIONS:
        raise IllegalTransition(_("Onbekende statuswijziging."))
    meeting = _locked(meeting)
    MEETING_ACTIONS[action](meeting)
    meeting.save()
    if action == "cancel":
        send_updates(meeting=meeting, actor=actor)
    return meeting


@transaction.atomic
def clone_meeting(*, meeting: Meeting, starts_at: datetime, actor, title: str = "") -> Meeting:
    """A draft copy for the next meeting of a series: place, description and the agenda
    (with sub-items and durations); not the invitations, documents or minutes."""
    copy = Meeting(
        body=meeting.body,
        title=title or meeting.title,
        starts_at=starts_at,
        ends_at=starts_at + (meeting.ends_at - meeting.starts_at) if meeting.ends_at else None,
        location=meeting.location,
        online_url=meeting.online_url,
        description=meeting.description,
        cloned_from=meeting,
        created_by=_user(actor),
    )
    copy.full_clean()
    copy.save()
    items = list(meeting.agenda_items.order_by("parent_id", "position", "pk"))
    new_ids: dict[int, AgendaItem] = {}
    for item in sorted(items, key=lambda i: i.parent_id is not None):
        if item.subject_id is not None:
            continue  # a programmatie request or a good practice belongs to one session
        if item.parent_id is not None and item.parent_id not in new_ids:
            continue
        new_ids[item.pk] = AgendaItem.objects.create(
            meeting=copy,
            parent=new_ids.get(item.parent_id),
            position=item.position,
            kind=item.kind,
            title=item.title,
            description=item.description,
            duration_minutes=item.duration_minutes,
            presenter=item.presenter,
            presenter_text=item.presenter_text,
            internal=item.internal,
        )
    return copy


# Agenda


@transaction.atomic
def add_agenda_item(
    *, meeting: Meeting, actor, title: str, parent: AgendaItem | None = None, **fields
) -> AgendaItem:
    _locked(meeting)
    siblings = meeting.agenda_items.filter(parent=parent)
    position = (siblings.aggregate(last=Max("position"))["last"] or 0) + 1
    item = AgendaItem(meeting=meeting, parent=parent, title=title, position=position, **fields)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def update_agenda_item(*, item: AgendaItem, actor, **fields) -> AgendaItem:
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    return item


GOOD_PRACTICE_SUBJECT = "network.goodpractice"


@transaction.atomic
def link_good_practice(*, item: AgendaItem, practice: GoodPractice | None, actor) -> AgendaItem:
    """Attach a published good practice to an agenda item (or detach it with None): its
    summary becomes the item's explanation and its company the presenter, unless filled in."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if practice is None:
        if item.subject_type == GOOD_PRACTICE_SUBJECT:
            item.subject_type, item.subject_id = "", None
            item.save(update_fields=["subject_type", "subject_id"])
        return item
    if not practice.is_published:
        raise ValidationError(_("Alleen een gepubliceerde goede praktijk kan op de agenda."))
    if item.subject_type and item.subject_type != GOOD_PRACTICE_SUBJECT:
        raise ValidationError(_("Dit agendapunt hoort al bij een programmatieaanvraag."))
    item.subject_type, item.subject_id = GOOD_PRACTICE_SUBJECT, practice.pk
    if not item.description.strip():
        item.description = practice.summary
    if not (item.presenter_id or item.presenter_text.strip()):
        item.presenter_text = practice.company_name
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def move_agenda_item(*, item: AgendaItem, direction: str, actor) -> AgendaItem:
    """Swap an item with its neighbour above ("up") or below ("down") at the same level."""
    _locked(item.meeting)
    siblings = list(
        AgendaItem.objects.filter(meeting=item.meeting_id, parent=item.parent_id).order_by(
            "position", "pk"
        )
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(siblings):
        raise IllegalTransition(_("Dit punt staat al bovenaan of onderaan."))
    siblings[index], siblings[other] = siblings[other], siblings[index]
    _renumber(siblings)
    item.refresh_from_db()
    return item


@transaction.atomic
def reorder_agenda(*, meeting: Meeting, order: list[int], parent_id: int | None, actor) -> None:
    """Put the items of one level in the given order (a drag-and-drop result)."""
    _locked(meeting)
    siblings = {i.pk: i for i in meeting.agenda_items.filter(parent_id=parent_id)}
    if set(order) != set(siblings) or len(order) != len(siblings):
        raise ValidationError(
            _("De volgorde past niet meer bij de agenda; laad de pagina opnieuw.")
        )
    _renumber([siblings[pk] for pk in order])


def _renumber(items: list[AgendaItem]) -> None:
    for position, sibling in enumerate(items, start=1):
        if sibling.position != position:
            sibling.position = position
    AgendaItem.objects.bulk_update(items, ["position"])


@transaction.atomic
def delete_agenda_item(*, item: AgendaItem, actor) -> None:
    siblings = list(
        AgendaItem.objects.filter(meeting=item.meeting_id, parent=item.parent_id)
        .exclude(pk=item.pk)
        .order_by("position", "pk")
    )
    item.delete()
    _renumber(siblings)


# Documents


@transaction.atomic
def add_document(*, meeting: Meeting, upload, title: str, kind: str, actor) -> MeetingDocument:
    extension, mimetype = inspect_document(upload)
    document = MeetingDocument(
        meeting=meeting,
        title=title.strip() or upload.name,
        kind=kind,
        extension=extension,
        mimetype=mimetype,
        size=upload.size,
        uploaded_by=_user(actor),
    )
    document.file.save(f"{document.uuid}.{extension}", upload, save=False)
    document.full_clean()
    document.save()
    return document


# Invitations


@dataclass(frozen=True)
class InvitationListResult:
    added: int
    without_email: list[Person]


@transaction.atomic
def ensure_invitations(*, meeting: Meeting, actor) -> InvitationListResult:
    """Invite the body's current effective delegates (a substitute where an organisation has
    no effective one); persons already invited stay, those without an e-mail are reported."""
    day = timezone.localtime(meeting.starts_at).date()
    delegates = (
        Delegate.objects.current(day)
        .filter(mandate__in=meeting.body.mandates.current(day))
        .select_related("person", "mandate__organisation")
        .order_by("mandate__organisation__name", "kind", "person__last_name")
    )
    chosen: dict[int, Delegate] = {}
    by_org: dict[int, list[Delegate]] = {}
    for delegate in delegates:
        by_org.setdefault(delegate.mandate.organisation_id, []).append(delegate)
    for group in by_org.values():
        effective = [d for d in group if d.kind == Delegate.Kind.EFFECTIVE]
        for delegate in effective or group[:1]:
            chosen[delegate.person_id] = delegate
    invited = set(meeting.invitations.values_list("person_id", flat=True))
    new, without_email = [], []
    for person_id, delegate in chosen.items():
        if person_id in invited:
            continue
        if not delegate.person.email:
            without_email.append(delegate.person)
            continue
        new.append(
            Invitation(
                meeting=meeting,
                person=delegate.person,
                organisation=delegate.mandate.organisation,
                email=delegate.person.email,
            )
        )
    Invitation.objects.bulk_create(new)
    return InvitationListResult(added=len(new), without_email=without_email)


@transaction.atomic
def invite_person(
    *, meeting: Meeting, person: Person, actor, organisation: Organisation | None = None
) -> Invitation:
    if not person.email:
        raise ValidationError(_("%(name)s heeft geen e-mailadres.") % {"name": person})
    if meeting.invitations.filter(person=person).exists():
        raise ValidationError(_("%(name)s is al uitgenodigd.") % {"name": person})
    if organisation is None:
        membership = person.memberships.filter(ended_on__isnull=True).first()
        organisation = membership.organisation if membership else None
    return Invitation.objects.create(
        meeting=meeting,
        person=person,
        organisation=organisation,
        email=person.email,
        added_by_staff=True,
    )


@transaction.atomic
def send_invitations(*, meeting: Meeting, actor, invitations: Iterable[Invitation] | None = None):
    """Mail the invitation (with .ics and personal link) to whoever has not had this version.

    The outbox batch names the meeting and its version: sending twice reaches nobody twice,
    and after a change (a higher version) everyone gets the update once."""
    meeting = _locked(meeting)
    if meeting.status not in (Meeting.Status.PLANNED,):
        raise IllegalTransition(_("Plan de vergadering eerst; dan kan je uitnodigen."))
    rows = meeting.invitations.select_related("person") if invitations is None else invitations
    due = [i for i in rows if i.sent_sequence < meeting.sequence]
    new = mails.queue_invitation_mails(
        meeting, due, batch=mails.version_batch(meeting), template="network_invitation"
    )
    now = timezone.now()
    Invitation.objects.filter(pk__in=[i.pk for i in due]).update(
        sent_at=now, sent_sequence=meeting.sequence
    )
    return new


def send_updates(*, meeting: Meeting, actor) -> int:
    """After a change of date or place, or a cancellation: the new .ics to who had an older one."""
    due = list(
        meeting.invitations.select_related("person").filter(
            sent_at__isnull=False, sent_sequence__lt=meeting.sequence
        )
    )
    if not due:
        return 0
    template = (
        "network_cancellation" if meeting.status == Meeting.Status.CANCELLED else "network_update"
    )
    new = mails.queue_invitation_mails(
        meeting, due, batch=mails.version_batch(meeting), template=template
    )
    Invitation.objects.filter(pk__in=[i.pk for i in due]).update(
        sent_at=timezone.now(), sent_sequence=meeting.sequence
    )
    return new


@transaction.atomic
def remind(*, meeting: Meeting, actor, invitations: Iterable[Invitation] | None = None, batch=""):
    """Remind invitees who have not answered (all of them, or the chosen ones)."""
    meeting = _locked(meeting)
    rows = meeting.invitations.select_related("person") if invitations is None else invitations
    batch = batch or f"network.meeting:{meeting.pk}:reminder:{timezone.now():%Y%m%d%H%M%S}"
    return mails.queue_reminders(meeting, rows, batch=batch)


# Answers through the personal link (no login)


@transaction.atomic
def open_invitation(*, invitation: Invitation) -> None:
    if invitation.opened_at is None:
        Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(
            opened_at=timezone.now()
        )


@transaction.atomic
def answer_invitation(
    *,
    invitation: Invitation,
    response: str,
    substitute_name: str = "",
    substitute_email: str = "",
    comment: str = "",
) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update().select_related("meeting").get(pk=invitation.pk)
    )
    invitation.mark_opened()
    invitation.answer(
        response,
        substitute_name=substitute_name,
        substitute_email=substitute_email,
        comment=comment,
    )
    invitation.full_clean()
    invitation.save()
    if invitation.response == Invitation.Response.SUBSTITUTE and invitation.substitute_email:
        _forward_to_substitute(invitation)
    return invitation


def _forward_to_substitute(invitation: Invitation) -> int:
    """The substitute gets the meeting's facts and the .ics once (per address)."""
    meeting = invitation.meeting
    message = templated_message(
        "network_substitute",
        email=invitation.substitute_email,
        name=invitation.substitute_name,
        attachments=[mails.ics_attachment(meeting)],
        context={
            "invitation": invitation,
            "meeting": meeting,
            "starts_at": timezone.localtime(meeting.starts_at),
            "ends_at": timezone.localtime(meeting.computed_end()),
            "schedule": [s for s in meeting.schedule() if not s.item.internal],
        },
    )
    return enqueue_messages(
        batch=f"network.invitation:{invitation.pk}:substitute", messages=[message]
    )


# Attendance


@transaction.atomic
def record_attendance(
    *,
    meeting: Meeting,
    status: str,
    actor,
    person: Person | None = None,
    name: str = "",
    organisation: Organisation | None = None,
    substitute_for: Person | None = None,
) -> Attendance:
    if person is None and not name.strip():
        raise ValidationError(_("Kies een persoon of vul een naam in."))
    if person is not None:
        attendance, _created = Attendance.objects.get_or_create(
            meeting=meeting, person=person, defaults={"status": status}
        )
    else:
        attendance = Attendance(meeting=meeting, name=name.strip())
    attendance.status = status
    attendance.organisation = organisation or attendance.organisation
    attendance.substitute_for = substitute_for
    attendance.recorded_by = _user(actor)
    attendance.full_clean()
    attendance.save()
    return attendance


@dataclass(frozen=True)
class SheetEntry:
    """One row of the attendance sheet at the door: the invitee's status (may be empty) and
    the name of a substitute who came in their place (may be empty)."""

    invitation: Invitation
    status: str
    substitute: str = ""


@transaction.atomic
def record_attendance_sheet(*, meeting: Meeting, entries: list[SheetEntry], actor) -> int:
    """Save the door sheet at once: each invitee with a status, and each substitute as present
    for the invitee's organisation (the invitee then counts as excused unless marked otherwise).
    A substitute already registered under the same name is not added twice. Returns how many
    invitees were recorded."""
    saved = 0
    for entry in entries:
        invitation, status = entry.invitation, entry.status
        if entry.substitute:
            already = meeting.attendance.filter(
                substitute_for=invitation.person, name=entry.substitute
            )
            if not already.exists():
                record_attendance(
                    meeting=meeting,
                    status=Attendance.Status.PRESENT,
                    name=entry.substitute,
                    organisation=invitation.organisation,
                    substitute_for=invitation.person,
                    actor=actor,
                )
            if status not in Attendance.Status.values:
                status = Attendance.Status.EXCUSED
        if status not in Attendance.Status.values:
            continue
        record_attendance(
            meeting=meeting,
            status=status,
            person=invitation.person,
            organisation=invitation.organisation,
            actor=actor,
        )
        saved += 1
    return saved


# Minutes and actions


@transaction.atomic
def save_minutes(*, meeting: Meeting, text: str, decisions: str = "", actor) -> Minutes:
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    if minutes.is_published:
        raise IllegalTransition(_("Een gepubliceerd verslag pas je niet meer aan."))
    minutes.text, minutes.decisions = text, decisions
    minutes.full_clean()
    minutes.save()
    return minutes


@transaction.atomic
def publish_minutes(*, meeting: Meeting, actor) -> Minutes:
    """Publish the minutes and mail the invitees and the body's delegates a link."""
    meeting = _locked(meeting)
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None:
        raise IllegalTransition(_("Schrijf eerst het verslag."))
    minutes.publish(by=_user(actor))
    meeting.publish_minutes()
    minutes.save()
    meeting.save()
    recipients = {
        i.email.lower(): str(i.person) for i in meeting.invitations.select_related("person")
    }
    for delegate in meeting.body.current_delegates().select_related("person"):
        if delegate.person.email:
            recipients.setdefault(delegate.person.email.lower(), str(delegate.person))
    messages = []
    for email, name in recipients.items():
        messages.append(
            templated_message(
                "network_minutes",
                email=email,
                name=name,
                context={
                    "meeting": meeting,
                    "name": name,
                    "meeting_url": mails.meeting_url(meeting),
                },
            )
        )
    enqueue_messages(
        batch=f"network.meeting:{meeting.pk}:minutes", messages=messages, priority=Priority.BULK
    )
    return minutes


@transaction.atomic
def add_action(*, meeting: Meeting, title: str, actor, **fields) -> Action:
    action = Action(meeting=meeting, title=title, **fields)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def set_action_status(*, action: Action, status: str, actor, note: str = "") -> Action:
    if status not in Action.Status.values:
        raise IllegalTransition(_("Onbekende status."))
    action.status = status
    action.done_on = timezone.localdate() if status == Action.Status.DONE else None
    if note:
        action.note = note
    action.full_clean()
    action.save()
    return action


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
