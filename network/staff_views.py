"""Staff pages of the network app (coordinators and the POF secretariat): meetings, the agenda
builder, invitations, attendance at the door, minutes with decisions and actions, and the open
actions across meetings. Views read the request, call one service and redirect or render.
"""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_filters.views import FilterView

from steunpunt.accounts.permissions import RoleRequiredMixin, role_required
from steunpunt.accounts.roles import Role
from steunpunt.core.models import Person

from . import services
from .models import Action, Attendance, Invitation, Meeting, Minutes
from .staff_filters import ActionFilter, MeetingFilter
from .staff_forms import (
    ActionForm,
    ActionStatusForm,
    AgendaItemForm,
    AttendanceOtherForm,
    CloneForm,
    DocumentForm,
    MeetingForm,
    MinutesForm,
    PersonSearchForm,
)
from .staff_selectors import (
    agenda_rows,
    attendance_by_person,
    get_agenda_item,
    get_staff_meeting,
    invitation_rows,
    open_actions,
    other_attendance,
    previous_meeting,
    search_people,
    staff_meetings,
)

STAFF_ROLES = Role.staff_roles()
staff_only = role_required(*STAFF_ROLES)


def _data(request):
    """The posted data (even when empty, so the form is bound and says what is missing)."""
    return request.POST if request.method == "POST" else None


def _errors_to_form(form, exc: ValidationError) -> None:
    """A service's refusal shown on the form, next to the field it is about where possible."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, field_errors in errors.items():
        target = field if field in form.fields else None
        for error in field_errors:
            form.add_error(None if field == NON_FIELD_ERRORS else target, error)


def _meeting_context(meeting: Meeting, tab: str) -> dict:
    return {
        "meeting": meeting,
        "tab": tab,
        "starts_at": timezone.localtime(meeting.starts_at),
        "Status": Meeting.Status,
    }


# Meetings ---------------------------------------------------------------------------------


class MeetingListView(RoleRequiredMixin, FilterView):
    allowed_roles = STAFF_ROLES
    template_name = "network/staff/meeting_list.html"
    filterset_class = MeetingFilter
    context_object_name = "meetings"
    paginate_by = 25

    def get_queryset(self):
        return staff_meetings().order_by("-starts_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_filtered"] = any(v for k, v in self.request.GET.items() if k != "page")
        return context


@staff_only
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    form = MeetingForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(
                body=form.cleaned_data["body"], actor=request.user, **form.changes()
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(
                request,
                _("De vergadering is aangemaakt als ontwerp. Stel nu de agenda op."),
            )
            return redirect("network:staff_agenda", meeting.uuid)
    status = 400 if request.method == "POST" else 200
    return render(request, "network/staff/meeting_form.html", {"form": form}, status=status)


@staff_only
@require_http_methods(["GET", "POST"])
def meeting_edit(request, uuid):
    meeting = get_staff_meeting(uuid)
    form = MeetingForm(_data(request), instance=meeting)
    invited = meeting.invitations.filter(sent_at__isnull=False).exists()
    if request.method == "POST" and form.is_valid():
        before = meeting.sequence
        try:
            # The form wrote the new values on the instance; the service compares with the row.
            meeting = services.update_meeting(
                meeting=Meeting.objects.get(pk=meeting.pk), actor=request.user, **form.changes()
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            if meeting.sequence > before:
                messages.success(
                    request,
                    _("De vergadering is gewijzigd. De genodigden krijgen een update."),
                )
            else:
                messages.success(request, _("De vergadering is gewijzigd."))
            return redirect("network:staff_meeting_edit", meeting.uuid)
        meeting = get_staff_meeting(uuid)
    context = _meeting_context(meeting, "edit")
    context.update(form=form, invited=invited)
    status = 400 if request.method == "POST" else 200
    return render(request, "network/staff/meeting_form.html", context, status=status)


MOVE_MESSAGES = {
    "plan": gettext_lazy("De vergadering is gepland. Je kan nu de uitnodigingen versturen."),
    "mark_held": gettext_lazy("De vergadering is gehouden. Schrijf nu het verslag."),
    "cancel": gettext_lazy("De vergadering is geannuleerd. Wie uitgenodigd was, krijgt bericht."),
}


@staff_only
@require_POST
def meeting_move(request, uuid):
    meeting = get_staff_meeting(uuid)
    action = request.POST.get("action", "")
    if action not in MOVE_MESSAGES:
        raise Http404("Unknown status change")
    try:
        services.move_meeting(meeting=meeting, action=action, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, MOVE_MESSAGES[action])
    return redirect(_next_url(request, reverse("network:staff_agenda", args=[meeting.uuid])))


def _next_url(request, default: str) -> str:
    """Back to the staff page the button was on (only a path of this site)."""
    target = request.POST.get("next", "")
    if target.startswith("/netwerk/beheer/") and "//" not in target:
        return target
    return default


@staff_only
@require_http_methods(["GET", "POST"])
def meeting_clone(request, uuid):
    meeting = get_staff_meeting(uuid)
    form = CloneForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.clone_meeting(
                meeting=meeting,
                starts_at=form.cleaned_data["starts_at"],
                title=form.cleaned_data["title"],
                actor=request.user,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(
                request,
                _("De volgende vergadering staat klaar als ontwerp, met dezelfde agenda."),
            )
            return redirect("network:staff_meeting_edit", copy.uuid)
    context = _meeting_context(meeting, "edit")
    context["form"] = form
    status = 400 if request.method == "POST" else 200
    return render(request, "network/staff/meeting_clone.html", context, status=status)


# Agenda -----------------------------------------------------------------------------------


def _agenda_context(meeting, item_form=None, document_form=None) -> dict:
    context = _meeting_context(meeting, "agenda")
    schedule = agenda_rows(meeting)
    previous = previous_meeting(meeting)
    context.update(
        schedule=schedule,
        end=timezone.localtime(schedule[-1].ends_at) if schedule else None,
        item_form=item_form or AgendaItemForm(meeting=meeting),
        document_form=document_form or DocumentForm(meeting=meeting),
        documents=meeting.documents.order_by("kind", "title"),
        previous=previous,
        previous_minutes=Minutes.objects.filter(meeting=previous).first() if previous else None,
        is_pof=meeting.body.kind == "pof",
    )
    return context


@staff_only
@require_http_methods(["GET", "POST"])
def agenda(request, uuid):
    """The agenda builder; a POST adds an item (or a sub-item)."""
    meeting = get_staff_meeting(uuid)
    form = None
    if request.method == "POST":
        form = AgendaItemForm(request.POST, meeting=meeting)
        if form.is_valid():
            try:
                item = services.add_agenda_item(
                    meeting=meeting, actor=request.user, **form.item_fields()
                )
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                item.documents.set(form.cleaned_data.get("documents", []))
                messages.success(request, _("Het punt „%(title)s” staat op de agenda.") % {
                    "title": item.title
                })  # fmt: skip
                return redirect("network:staff_agenda", meeting.uuid)
    context = _agenda_context(meeting, item_form=form)
    return render(
        request, "network/staff/agenda.html", context, status=400 if form is not None else 200
    )


@staff_only
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, uuid, pk):
    meeting = get_staff_meeting(uuid)
    item = get_agenda_item(meeting, pk)
    form = AgendaItemForm(_data(request), instance=item, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_agenda_item(item=item, actor=request.user, **form.item_fields())
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            item.documents.set(form.cleaned_data.get("documents", []))
            messages.success(request, _("Het agendapunt is gewijzigd."))
            return redirect("network:staff_agenda", meeting.uuid)
    context = _meeting_context(meeting, "agenda")
    context.update(form=form, item=item)
    status = 400 if request.method == "POST" else 200
    return render(request, "network/staff/agenda_item_form.html", context, status=status)


@staff_only
@require_POST
def agenda_item_move(request, uuid, pk):
    meeting = get_staff_meeting(uuid)
    item = get_agenda_item(meeting, pk)
    direction = request.POST.get("direction", "")
    if direction not in ("up", "down"):
        raise Http404("Unknown direction")
    try:
        services.move_agenda_item(item=item, direction=direction, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("network:staff_agenda", args=[meeting.uuid]) + f"#punt-{item.pk}")


@staff_only
@require_POST
def agenda_reorder(request, uuid):
    """One level of the agenda in a new order (the drag-and-drop of agenda-builder.js).

    Answers JSON to the script; a plain form post is redirected back to the agenda."""
    meeting = get_staff_meeting(uuid)
    wants_json = "application/json" in request.headers.get("Accept", "")
    values = request.POST.getlist("order")
    parent = request.POST.get("parent", "")
    if not values or not all(v.isdigit() for v in values) or not (parent == "" or parent.isdigit()):
        return JsonResponse({"error": _("Die volgorde begrijpen we niet.")}, status=400)
    try:
        services.reorder_agenda(
            meeting=meeting,
            order=[int(v) for v in values],
            parent_id=int(parent) if parent else None,
            actor=request.user,
        )
    except ValidationError as exc:
        if wants_json:
            return JsonResponse({"error": " ".join(exc.messages)}, status=409)
        messages.error(request, " ".join(exc.messages))
    else:
        if wants_json:
            return JsonResponse({"ok": True})
        messages.success(request, _("De volgorde van de agenda is aangepast."))
    return redirect("network:staff_agenda", meeting.uuid)


@staff_only
@require_http_methods(["GET", "POST"])
def agenda_item_delete(request, uuid, pk):
    meeting = get_staff_meeting(uuid)
    item = get_agenda_item(meeting, pk)
    if request.method == "POST":
        services.delete_agenda_item(item=item, actor=request.user)
        messages.success(request, _("Het punt „%(title)s” is van de agenda gehaald.") % {
            "title": item.title
        })  # fmt: skip
        return redirect("network:staff_agenda", meeting.uuid)
    context = _meeting_context(meeting, "agenda")
    context.update(item=item, sub_items=item.sub_items.order_by("position", "pk"))
    return render(request, "network/staff/agenda_item_delete.html", context)


@staff_only
@require_POST
def document_add(request, uuid):
    meeting = get_staff_meeting(uuid)
    form = DocumentForm(request.POST, request.FILES, meeting=meeting)
    if form.is_valid():
        data = form.cleaned_data
        try:
            document = services.add_document(
                meeting=meeting,
                upload=data["upload"],
                title=data["title"],
                kind=data["kind"],
                actor=request.user,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
            if not form.errors:
                form.add_error("upload", " ".join(exc.messages))
        else:
            for item in data.get("items", []):
                item.documents.add(document)
            messages.success(request, _("Het document „%(title)s” is toegevoegd.") % {
                "title": document.title
            })  # fmt: skip
            return redirect(reverse("network:staff_agenda", args=[meeting.uuid]) + "#documenten")
    context = _agenda_context(meeting, document_form=form)
    return render(request, "network/staff/agenda.html", context, status=400)


# Invitations ------------------------------------------------------------------------------


@staff_only
@require_http_methods(["GET", "POST"])
def invitations(request, uuid):
    meeting = get_staff_meeting(uuid)
    if request.method == "POST":
        handler = INVITATION_ACTIONS.get(request.POST.get("action", ""))
        if handler is None:
            raise Http404("Unknown action")
        handler(request, meeting)
        return redirect("network:staff_invitations", meeting.uuid)
    search = PersonSearchForm(request.GET or None)
    query = search.cleaned_data["zoek"] if search.is_valid() else ""
    context = _meeting_context(meeting, "invitations")
    context.update(
        invitations=invitation_rows(meeting),
        search=search,
        query=query,
        found=search_people(query, exclude_meeting=meeting) if query else [],
        Response=Invitation.Response,
    )
    return render(request, "network/staff/invitations.html", context)


def _ensure(request, meeting):
    result = services.ensure_invitations(meeting=meeting, actor=request.user)
    if result.added:
        messages.success(
            request,
            _("%(count)s genodigde(n) uit het orgaan toegevoegd.") % {"count": result.added},
        )
    else:
        messages.info(request, _("Iedereen uit het orgaan staat al op de lijst."))
    if result.without_email:
        names = ", ".join(str(person) for person in result.without_email)
        messages.warning(
            request,
            _("Zonder e-mailadres, dus niet uitgenodigd: %(names)s. Vul hun e-mailadres aan.")
            % {"names": names},
        )


def _invite(request, meeting):
    person = Person.objects.filter(pk=request.POST.get("person") or 0).first()
    if person is None:
        messages.error(request, _("Die persoon vonden we niet. Zoek opnieuw."))
        return
    try:
        services.invite_person(meeting=meeting, person=person, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s staat op de lijst.") % {"name": person})


def _send(request, meeting):
    try:
        count = services.send_invitations(meeting=meeting, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return
    if count:
        messages.success(
            request, _("%(count)s uitnodiging(en) worden verstuurd.") % {"count": count}
        )
    else:
        messages.info(request, _("Iedereen op de lijst kreeg deze uitnodiging al."))


def _remind(request, meeting):
    chosen = [pk for pk in request.POST.getlist("invitation") if pk.isdigit()]
    if not chosen:
        messages.error(request, _("Vink eerst aan wie je een herinnering wil sturen."))
        return
    rows = meeting.invitations.select_related("person").filter(pk__in=chosen)
    count = services.remind(meeting=meeting, actor=request.user, invitations=rows)
    if count:
        messages.success(
            request, _("%(count)s herinnering(en) worden verstuurd.") % {"count": count}
        )
    else:
        messages.info(
            request,
            _("Niemand van wie je aanvinkte wacht nog op een uitnodiging zonder antwoord."),
        )


INVITATION_ACTIONS = {"ensure": _ensure, "invite": _invite, "send": _send, "remind": _remind}


# Attendance -------------------------------------------------------------------------------


@staff_only
@require_http_methods(["GET", "POST"])
def attendance(request, uuid):
    """At the door: one row per invitee (present, excused, absent; a substitute's name)."""
    meeting = get_staff_meeting(uuid)
    rows = list(invitation_rows(meeting))
    other_form = AttendanceOtherForm(meeting=meeting, prefix="ander")
    if request.method == "POST" and request.POST.get("form") == "other":
        other_form = AttendanceOtherForm(request.POST, meeting=meeting, prefix="ander")
        if other_form.is_valid():
            data = other_form.cleaned_data
            services.record_attendance(
                meeting=meeting,
                status=data["status"],
                name=data["name"],
                organisation=data["organisation"],
                actor=request.user,
            )
            messages.success(request, _("%(name)s is geregistreerd.") % {"name": data["name"]})
            return redirect("network:staff_attendance", meeting.uuid)
    elif request.method == "POST":
        saved = _save_attendance(request, meeting, rows)
        messages.success(request, _("Aanwezigheden bewaard (%(count)s).") % {"count": saved})
        return redirect("network:staff_attendance", meeting.uuid)
    recorded = attendance_by_person(meeting)
    context = _meeting_context(meeting, "attendance")
    context.update(
        rows=[(invitation, recorded.get(invitation.person_id)) for invitation in rows],
        others=other_attendance(meeting),
        other_form=other_form,
        statuses=Attendance.Status.choices,
        representation=list(services.representation(meeting).items()),
        AttendanceStatus=Attendance.Status,
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "network/staff/attendance.html", context, status=status)


def _save_attendance(request, meeting, rows) -> int:
    entries = [
        services.SheetEntry(
            invitation=invitation,
            status=request.POST.get(f"status-{invitation.pk}", ""),
            substitute=request.POST.get(f"vervanger-{invitation.pk}", "").strip()[:160],
        )
        for invitation in rows
    ]
    return services.record_attendance_sheet(meeting=meeting, entries=entries, actor=request.user)


# Minutes and actions ----------------------------------------------------------------------


def _minutes_context(meeting, *, form=None, action_form=None, preview=None) -> dict:
    minutes = Minutes.objects.filter(meeting=meeting).first()
    previous = previous_meeting(meeting)
    context = _meeting_context(meeting, "minutes")
    context.update(
        minutes=minutes,
        form=form
        or MinutesForm(
            initial={"text": minutes.text, "decisions": minutes.decisions} if minutes else None
        ),
        preview=preview,
        action_form=action_form or ActionForm(meeting=meeting, prefix="actie"),
        actions=meeting.actions.select_related("owner", "owner_organisation").order_by(
            "status", "due_on", "pk"
        ),
        action_statuses=Action.Status.choices,
        previous=previous,
        previous_minutes=Minutes.objects.filter(meeting=previous).first() if previous else None,
        can_publish=meeting.status == Meeting.Status.HELD,
        today=timezone.localdate(),
    )
    return context


@staff_only
@require_http_methods(["GET", "POST"])
def minutes(request, uuid):
    meeting = get_staff_meeting(uuid)
    if request.method == "GET":
        return render(request, "network/staff/minutes.html", _minutes_context(meeting))
    handler = MINUTES_ACTIONS.get(request.POST.get("form", ""))
    if handler is None:
        raise Http404("Unknown form")
    return handler(request, meeting)


def _minutes_save(request, meeting):
    form = MinutesForm(request.POST)
    form.is_valid()  # two optional text fields: always valid
    data = form.cleaned_data
    if "preview" in request.POST:
        preview = {"text": data["text"], "decisions": data["decisions"]}
        context = _minutes_context(meeting, form=form, preview=preview)
        return render(request, "network/staff/minutes.html", context)
    try:
        services.save_minutes(
            meeting=meeting, text=data["text"], decisions=data["decisions"], actor=request.user
        )
    except ValidationError as exc:
        form.add_error(None, " ".join(exc.messages))
        context = _minutes_context(meeting, form=form)
        return render(request, "network/staff/minutes.html", context, status=400)
    messages.success(request, _("Het verslag is bewaard."))
    return redirect("network:staff_minutes", meeting.uuid)


def _minutes_publish(request, meeting):
    try:
        services.publish_minutes(meeting=meeting, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Het verslag is gepubliceerd. Genodigden en leden krijgen een e-mail met de link."),
        )
    return redirect("network:staff_minutes", meeting.uuid)


def _action_add(request, meeting):
    form = ActionForm(request.POST, meeting=meeting, prefix="actie")
    if form.is_valid():
        try:
            services.add_action(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Het actiepunt is toegevoegd."))
            return redirect(reverse("network:staff_minutes", args=[meeting.uuid]) + "#acties")
    context = _minutes_context(meeting, action_form=form)
    return render(request, "network/staff/minutes.html", context, status=400)


def _action_status(request, meeting):
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een geldige status."))
        return redirect("network:staff_minutes", meeting.uuid)
    action = meeting.actions.filter(pk=form.cleaned_data["action"]).first()
    if action is None:
        raise Http404("Unknown action")
    services.set_action_status(
        action=action,
        status=form.cleaned_data["status"],
        note=form.cleaned_data["note"],
        actor=request.user,
    )
    messages.success(
        request,
        _("„%(title)s” staat nu op %(status)s.")
        % {"title": action.title, "status": action.get_status_display().lower()},
    )
    default = reverse("network:staff_minutes", args=[meeting.uuid]) + "#acties"
    return redirect(_next_url(request, default))


MINUTES_ACTIONS = {
    "minutes": _minutes_save,
    "publish": _minutes_publish,
    "action": _action_add,
    "action_status": _action_status,
}


class ActionListView(RoleRequiredMixin, FilterView):
    """Open actions across meetings, per body and per owner; overdue ones are marked."""

    allowed_roles = STAFF_ROLES
    template_name = "network/staff/action_list.html"
    filterset_class = ActionFilter
    context_object_name = "actions"
    paginate_by = 50

    def get_queryset(self):
        return open_actions()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_filtered"] = any(v for k, v in self.request.GET.items() if k != "page")
        context["today"] = timezone.localdate()
        return context
