"""Who may see which workplace and recognition (STYLE.md: one helper per model, 404 for
outsiders): they belong to a company site, so coordinators and the company's own contacts.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from steunpunt.accounts.roles import Role
from steunpunt.core.access import scope_to_user

from ..models import Recognition, Workplace


def _company_rows(queryset: QuerySet, user) -> QuerySet:
    if not user.is_authenticated:
        return queryset.none()
    if user.has_role(Role.COORDINATOR):
        return queryset
    if not user.has_role(Role.COMPANY_CONTACT):
        return queryset.none()
    return scope_to_user(queryset, user, organisation_path="site__organisation")


def workplaces_for_user(user) -> QuerySet[Workplace]:
    return _company_rows(
        Workplace.objects.select_related("site__organisation", "site__postcode", "programme"), user
    )


def get_workplace_for_user(user, uuid) -> Workplace:
    return get_object_or_404(workplaces_for_user(user), uuid=uuid)


def recognitions_for_user(user) -> QuerySet[Recognition]:
    return _company_rows(
        Recognition.objects.select_related("site__organisation", "site__postcode", "programme"),
        user,
    )


def get_recognition_for_user(user, pk) -> Recognition:
    return get_object_or_404(recognitions_for_user(user), pk=pk)
