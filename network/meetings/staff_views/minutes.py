"""Staff pages: the minutes editor, actions, and the open actions across meetings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_filters.views import FilterView

from steunpunt.accounts.permissions import RoleRequiredMixin
from steunpunt.core.forms import add_service_errors

from ...models import Action, Meeting, Minutes
from .. import services
from ..filters import ActionFilter
from ..forms import (
    ActionForm,
    ActionStatusForm,
    MinutesForm,
)
from ..selectors import (
    get_staff_meeting,
    open_actions,
    previous_meeting,
)
from .common import STAFF_ROLES, meeting_context, next_url, staff_only


def _minutes_context(meeting, *, form=None, action_form=None, preview=None) -> dict:
    minutes = Minutes.objects.filter(meeting=meeting).first()
    previous = previous_meeting(meeting)
    context = meeting_context(meeting, "minutes")
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
    if not form.is_valid():  # optional texts, but a NUL byte is refused
        context = _minutes_context(meeting, form=form)
        return render(request, "network/staff/minutes.html", context, status=400)
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
            add_service_errors(form, exc)
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
    return redirect(next_url(request, default))


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
