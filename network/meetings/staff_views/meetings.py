"""Staff pages: the meetings list, the new-meeting and edit forms, status changes and the
next meeting of a series."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_filters.views import FilterView

from steunpunt.accounts.permissions import RoleRequiredMixin
from steunpunt.core.forms import add_service_errors

from ...models import Meeting
from .. import services
from ..filters import MeetingFilter
from ..forms import (
    CloneForm,
    MeetingForm,
)
from ..selectors import (
    get_staff_meeting,
    staff_meetings,
)
from .common import STAFF_ROLES, bound_data, meeting_context, next_url, staff_only


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
    form = MeetingForm(bound_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(
                body=form.cleaned_data["body"], actor=request.user, **form.changes()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
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
    form = MeetingForm(bound_data(request), instance=meeting)
    invited = meeting.invitations.filter(sent_at__isnull=False).exists()
    if request.method == "POST" and form.is_valid():
        before = meeting.sequence
        try:
            # The form wrote the new values on the instance; the service compares with the row.
            meeting = services.update_meeting(
                meeting=Meeting.objects.get(pk=meeting.pk), actor=request.user, **form.changes()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
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
    context = meeting_context(meeting, "edit")
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
    return redirect(next_url(request, reverse("network:staff_agenda", args=[meeting.uuid])))


@staff_only
@require_http_methods(["GET", "POST"])
def meeting_clone(request, uuid):
    meeting = get_staff_meeting(uuid)
    form = CloneForm(bound_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.clone_meeting(
                meeting=meeting,
                starts_at=form.cleaned_data["starts_at"],
                title=form.cleaned_data["title"],
                actor=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De volgende vergadering staat klaar als ontwerp, met dezelfde agenda."),
            )
            return redirect("network:staff_meeting_edit", copy.uuid)
    context = meeting_context(meeting, "edit")
    context["form"] = form
    status = 400 if request.method == "POST" else 200
    return render(request, "network/staff/meeting_clone.html", context, status=status)
