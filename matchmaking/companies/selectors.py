"""Reads of the company pages: a company's workplaces and recognitions, scoped to the user."""

from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from ..models import Recognition, Workplace
from ..runs.capacity import with_free_places
from .access import recognitions_for_user, workplaces_for_user


def company_workplaces(user, company=None) -> QuerySet[Workplace]:
    """The user's workplaces (one company's for a coordinator acting for it), with free places."""
    workplaces = workplaces_for_user(user)
    if company is not None:
        workplaces = workplaces.filter(site__organisation=company)
    return with_free_places(workplaces).order_by(
        "site__organisation__name", "programme__name", "start_date", "pk"
    )


def valid_recognitions(user, company=None, today=None) -> QuerySet[Recognition]:
    """Recognitions valid today that the user may create a workplace for."""
    recognitions = recognitions_for_user(user).valid_on(today or timezone.localdate())
    if company is not None:
        recognitions = recognitions.filter(site__organisation=company)
    return recognitions.order_by("programme__name", "site__organisation__name", "site__pk")


def company_recognitions(user, company=None) -> QuerySet[Recognition]:
    recognitions = recognitions_for_user(user)
    if company is not None:
        recognitions = recognitions.filter(site__organisation=company)
    return recognitions.order_by("site__organisation__name", "programme__name", "pk")


def warning_days() -> int:
    return settings.MATCHMAKING_RECOGNITION_WARNING_DAYS


def expires_soon(recognition: Recognition, today=None) -> bool:
    """Recognised, still valid, and ending within the warning period."""
    today = today or timezone.localdate()
    return (
        recognition.status == Recognition.Status.RECOGNISED
        and recognition.valid_until is not None
        and today <= recognition.valid_until <= today + timedelta(days=warning_days())
    )
