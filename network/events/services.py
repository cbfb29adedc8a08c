"""Registrations for events: capacity, a waiting list that moves up by itself, mails with a
calendar file and a cancel link. (The purge of registrations some months after the event is
background work: events/work.py.)

Registering and cancelling lock the event row, so two people taking the last place at the same
moment cannot both get it, and a cancellation promotes exactly one person from the list.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core.outbox import Priority, enqueue_messages, templated_message

from ..models import Event, EventRegistration, IllegalTransition
from .ics import render_events_ics
from .selectors import confirmed_count

S = EventRegistration.Status


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def event_url(event: Event) -> str:
    return absolute(reverse("events:detail", args=[event.slug]))


def cancel_url(registration: EventRegistration) -> str:
    return absolute(reverse("events:cancel", args=[registration.token]))


@dataclass(frozen=True)
class RegistrationData:
    name: str
    email: str
    organisation: str = ""
    dietary_needs: str = ""
    accessibility_needs: str = ""


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def register(*, event: Event, data: RegistrationData, consent: bool) -> EventRegistration:
    """A place if there is one, otherwise the waiting list; a mail either way."""
    event = _lock(event)
    if not event.accepts_registrations():
        raise IllegalTransition(_("Inschrijven voor deze activiteit kan niet meer."))
    if not consent:
        raise ValidationError(_("Zonder toestemming kunnen we je inschrijving niet bewaren."))
    email = data.email.strip().lower()
    if event.registrations.filter(email__iexact=email).exclude(status=S.CANCELLED).exists():
        raise ValidationError(
            _(
                "Met dit e-mailadres ben je al ingeschreven. Kijk in je mailbox voor de "
                "bevestiging, of annuleer daar eerst."
            )
        )
    full = event.capacity is not None and confirmed_count(event) >= event.capacity
    registration = EventRegistration(
        event=event,
        name=data.name.strip(),
        email=email,
        organisation=data.organisation.strip(),
        dietary_needs=data.dietary_needs.strip(),
        accessibility_needs=data.accessibility_needs.strip(),
        consent_given_at=timezone.now(),
        status=S.WAITLISTED if full else S.CONFIRMED,
    )
    registration.full_clean()
    registration.save()
    _mail(registration, "network_event_waitlisted" if full else "network_event_confirmed")
    return registration


@transaction.atomic
def cancel(*, registration: EventRegistration) -> EventRegistration | None:
    """Cancel; if that frees a place, the first on the waiting list gets it (and a mail).

    Returns the promoted registration, if any."""
    event = _lock(registration.event)
    registration = EventRegistration.objects.select_for_update().get(pk=registration.pk)
    was_confirmed = registration.status == S.CONFIRMED
    registration.cancel()
    registration.save()
    if not was_confirmed or event.starts_at <= timezone.now():
        return None
    return _promote_next(event)


def _promote_next(event: Event) -> EventRegistration | None:
    if event.capacity is not None and confirmed_count(event) >= event.capacity:
        return None
    waiting = (
        event.registrations.select_for_update()
        .filter(status=S.WAITLISTED)
        .order_by("registered_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    waiting.promote()
    waiting.save()
    _mail(waiting, "network_event_promoted")
    return waiting


@transaction.atomic
def raise_capacity(*, event: Event, capacity: int | None, actor) -> list[EventRegistration]:
    """Change the capacity; more places promote people from the waiting list in order."""
    event = _lock(event)
    event.capacity = capacity
    event.full_clean()
    event.save()
    promoted = []
    while (next_one := _promote_next(event)) is not None:
        promoted.append(next_one)
    return promoted


def _mail(registration: EventRegistration, template: str) -> int:
    event = registration.event
    attachments = []
    if registration.status == S.CONFIRMED:
        attachments.append(
            {
                "filename": f"{event.slug}.ics",
                "mimetype": "text/calendar",
                "content": render_events_ics(
                    [event], name=event.title, url_for=lambda e: event_url(e)
                ).decode("utf-8"),
            }
        )
    message = templated_message(
        template,
        email=registration.email,
        name=registration.name,
        attachments=attachments,
        context={
            "registration": registration,
            "event": event,
            "starts_at": timezone.localtime(event.starts_at),
            "ends_at": timezone.localtime(event.ends_at),
            "event_url": event_url(event),
            "cancel_url": cancel_url(registration),
        },
    )
    return enqueue_messages(
        batch=f"network.registration:{registration.pk}:{template}",
        messages=[message],
        priority=Priority.TRANSACTIONAL,
    )
