"""Writes of the companies tool: recognitions and workplaces.

Each service is keyword-only with an `actor`, runs in its own transaction, validates with
`full_clean()` before saving, and leaves an audit record (simple_history).
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core.models import Person, Programme, Site

from ..common.history import save_with_history
from ..models import IllegalTransition, Recognition, Workplace


@transaction.atomic
def request_recognition(
    *, site: Site, programme: Programme, actor, reference: str = "", mentors: Iterable[Person] = ()
) -> Recognition:
    recognition = Recognition(site=site, programme=programme, reference=reference)
    recognition.full_clean()
    save_with_history(recognition, actor=actor)
    recognition.mentors.set(list(mentors))
    return recognition


@transaction.atomic
def record_recognition(
    *,
    site: Site,
    programme: Programme,
    actor,
    valid_from: date,
    valid_until: date | None = None,
    reference: str = "",
    mentors: Iterable[Person] = (),
) -> Recognition:
    """Grant the recognition of (site, programme): the requested one, or a new row."""
    recognition = (
        Recognition.objects.select_for_update()
        .filter(site=site, programme=programme, status=Recognition.Status.REQUESTED)
        .first()
    ) or Recognition(site=site, programme=programme)
    recognition.recognise(valid_from=valid_from, valid_until=valid_until, reference=reference)
    recognition.full_clean()
    save_with_history(recognition, actor=actor)
    if mentors:
        recognition.mentors.add(*mentors)
    return recognition


@transaction.atomic
def withdraw_recognition(*, recognition: Recognition, actor) -> int:
    """Withdraw a recognition and close the workplaces it allowed; returns how many closed."""
    recognition = Recognition.objects.select_for_update().get(pk=recognition.pk)
    recognition.withdraw()
    save_with_history(recognition, actor=actor)
    return _close_workplaces(recognition, actor=actor)


@transaction.atomic
def close_workplaces_of(*, recognition: Recognition, actor) -> int:
    """Close the open and full workplaces of a recognition that no longer holds."""
    if recognition.status == Recognition.Status.RECOGNISED:
        return 0
    return _close_workplaces(recognition, actor=actor)


def _close_workplaces(recognition: Recognition, *, actor) -> int:
    closed = 0
    for workplace in Workplace.objects.select_for_update().filter(
        site_id=recognition.site_id,
        programme_id=recognition.programme_id,
        status__in=[Workplace.Status.OPEN, Workplace.Status.FULL],
    ):
        workplace.close()
        save_with_history(workplace, actor=actor, reason=_("Erkenning niet meer geldig"))
        closed += 1
    return closed


def _require_valid_recognition(workplace: Workplace) -> None:
    """The same check as Workplace.clean(), with the recognition row locked while we save."""
    today = timezone.localdate()
    locked = list(
        Recognition.objects.select_for_update().filter(
            site_id=workplace.site_id, programme_id=workplace.programme_id
        )
    )
    for day in {today, workplace.start_date}:
        if not any(r.is_valid_on(day) for r in locked):
            workplace.check_recognised(today)  # raises with the Dutch message


@transaction.atomic
def create_workplace(
    *,
    site: Site,
    programme: Programme,
    actor,
    start_date: date,
    places: int = 1,
    hours_per_week: int = 20,
    description: str = "",
    is_public: bool = False,
) -> Workplace:
    """A workplace, only for a (site, programme) with a recognised and valid recognition."""
    workplace = Workplace(
        site=site,
        programme=programme,
        start_date=start_date,
        places=places,
        hours_per_week=hours_per_week,
        description=description,
        is_public=is_public,
    )
    _require_valid_recognition(workplace)
    workplace.full_clean()
    save_with_history(workplace, actor=actor)
    return workplace


@transaction.atomic
def update_workplace(*, workplace: Workplace, actor, **fields) -> Workplace:
    if {"status", "site"} & set(fields):
        raise ValidationError(_("Status en vestigingsplaats wijzig je hier niet."))
    for name, value in fields.items():
        setattr(workplace, name, value)
    if workplace.status != Workplace.Status.CLOSED:
        _require_valid_recognition(workplace)
    workplace.full_clean()
    save_with_history(workplace, actor=actor)
    return workplace


@transaction.atomic
def move_workplace(*, workplace: Workplace, action: str, actor) -> Workplace:
    """mark_full, reopen (needs a valid recognition) or close."""
    if action not in ("mark_full", "reopen", "close"):
        raise IllegalTransition(_("Onbekende statuswijziging."))
    workplace = Workplace.objects.select_for_update().get(pk=workplace.pk)
    getattr(workplace, action)()
    save_with_history(workplace, actor=actor)
    return workplace


@transaction.atomic
def close_workplaces_of_expired_recognitions(*, today: date | None = None, actor=None) -> int:
    """Mark recognitions past their end date as expired and close their workplaces.

    Idempotent (a periodic task runs it nightly); returns the number of workplaces closed.
    """
    today = today or timezone.localdate()
    closed = 0
    for recognition in Recognition.objects.select_for_update().lapsed(today):
        recognition.expire()
        save_with_history(recognition, actor=actor, reason=_("Verlopen"))
        closed += _close_workplaces(recognition, actor=actor)
    return closed


def recognitions_expiring_within(*, days: int, today: date | None = None):
    """The warning list for coordinators: recognitions ending within `days` days."""
    return Recognition.objects.expiring_within(days, today).select_related(
        "site__organisation", "site__postcode", "programme"
    )
