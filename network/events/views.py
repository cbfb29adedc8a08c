"""Public pages of events: the list (/agenda/), an event with its registration form, the
cancel link from the mail, and the iCal feed (/agenda.ics)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from steunpunt.core.forms import add_service_errors

from ..models import EventRegistration, IllegalTransition
from . import services
from .forms import EventRegistrationForm
from .ics import render_events_ics
from .selectors import places_left, public_events, registration_for_token


def submit_rate(group, request) -> str:
    return settings.INBOX_RATE_LIMIT


@require_GET
def event_list(request):
    now = timezone.now()
    events = public_events().filter(ends_at__gte=now).order_by("starts_at")
    return render(request, "network/events/list.html", {"events": events})


@ratelimit(key="ip", rate=submit_rate, method="POST", group="events:register", block=False)
@require_http_methods(["GET", "POST"])
def event_detail(request, slug):
    event = get_object_or_404(public_events(), slug=slug)
    form = EventRegistrationForm(request.POST or None)
    rate_limited = request.method == "POST" and getattr(request, "limited", False)
    if request.method == "POST" and not rate_limited and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.register(
                event=event,
                data=services.RegistrationData(
                    name=data["name"],
                    email=data["email"],
                    organisation=data["organisation"],
                    dietary_needs=data["dietary_needs"],
                    accessibility_needs=data["accessibility_needs"],
                ),
                consent=data["consent"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if registration.status == EventRegistration.Status.CONFIRMED:
                messages.success(
                    request, _("Je bent ingeschreven. De bevestiging staat in je mailbox.")
                )
            else:
                messages.info(
                    request,
                    _(
                        "De activiteit is volzet: je staat op de wachtlijst. Komt er een plaats "
                        "vrij, dan krijg je die automatisch en krijg je een mail."
                    ),
                )
            return redirect("events:detail", slug=event.slug)
    context = {
        "event": event,
        "form": form,
        "places_left": places_left(event),
        "open": event.accepts_registrations(),
        "rate_limited": rate_limited,
    }
    status = 429 if rate_limited else 200
    return render(request, "network/events/detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def event_cancel(request, token):
    registration = registration_for_token(token)
    if registration is None:
        raise Http404("Unknown registration token.")
    done = registration.status == EventRegistration.Status.CANCELLED
    error = ""
    if request.method == "POST" and not done:
        try:
            services.cancel(registration=registration)
        except IllegalTransition as exc:
            error = " ".join(exc.messages)
        else:
            done = True
    return render(
        request,
        "network/events/cancel.html",
        {"registration": registration, "event": registration.event, "done": done, "error": error},
    )


@require_GET
def event_feed(request):
    events = public_events().order_by("starts_at")
    body = render_events_ics(
        events,
        name=_("Agenda %(portal)s") % {"portal": settings.PORTAL_NAME},
        url_for=services.event_url,
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
