"""Staff pages of events (coordinators and the POF secretariat): the events with their counts,
an event's registrations, raising the capacity (the waiting list moves up), cancelling a
registration for someone, and the export of the registrations (cells neutralised)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from steunpunt.accounts.permissions import role_required
from steunpunt.accounts.roles import Role
from steunpunt.core.params import parse_uuid

from ..models import Event, EventRegistration
from . import export, services
from .selectors import confirmed_count, events_with_counts

STAFF = Role.staff_roles()
R = EventRegistration.Status


@role_required(*STAFF)
def staff_list(request):
    page = Paginator(events_with_counts(), 25).get_page(request.GET.get("page"))
    return render(
        request, "network/events/staff_list.html", {"page_obj": page, "events": page.object_list}
    )


def _parse_capacity(value: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ValidationError(_("Vul een aantal plaatsen van minstens 1 in, of laat leeg."))
    return int(value)


def _handle_action(request, event):
    action = request.POST.get("action")
    if action == "capacity":
        capacity = _parse_capacity(request.POST.get("capacity", ""))
        if capacity is not None and capacity < confirmed_count(event):
            raise ValidationError(
                _("Er zijn al meer inschrijvingen. Annuleer eerst wie niet meer komt.")
            )
        promoted = services.raise_capacity(event=event, capacity=capacity, actor=request.user)
        messages.success(
            request,
            _("Het aantal plaatsen is aangepast; %(count)s van de wachtlijst schoven door.")
            % {"count": len(promoted)},
        )
    elif action == "cancel":
        registration = get_object_or_404(
            event.registrations, uuid=parse_uuid(request.POST.get("registration"))
        )
        promoted = services.cancel(registration=registration)
        text = _("De inschrijving van %(name)s is geannuleerd.") % {"name": registration.name}
        if promoted:
            text += " " + _("%(name)s schuift door van de wachtlijst en krijgt een mail.") % {
                "name": promoted.name
            }
        messages.success(request, text)
    else:
        messages.error(request, _("Kies wat je wilt doen."))


@role_required(*STAFF)
def staff_registrations(request, slug):
    event = get_object_or_404(events_with_counts(), slug=slug)
    if request.method == "POST":
        try:
            _handle_action(request, event)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("events:staff_registrations", slug=event.slug)
    registrations = event.registrations.order_by("status", "registered_at", "pk")
    page = Paginator(registrations, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "network/events/staff_registrations.html",
        {"event": event, "page_obj": page, "registrations": page.object_list},
    )


@role_required(*STAFF)
def staff_export(request, slug):
    event = get_object_or_404(Event, slug=slug)
    registrations = event.registrations.exclude(status=R.CANCELLED).order_by(
        "status", "registered_at", "pk"
    )
    return export.registrations_response(
        registrations, name=f"inschrijvingen-{event.slug}", fmt=request.GET.get("formaat")
    )
