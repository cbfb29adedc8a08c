"""Access scoping: one mechanism that every view uses (STYLE.md: get_<obj>_for_user).

Coordinators see everything; a school, company or partner contact sees the organisations they
belong to (an active membership of their person) and what hangs under them; anonymous users
see nothing here. Outsiders get a 404, never a hint that the row exists.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from steunpunt.accounts.roles import is_coordinator

from .models import Organisation, Person, Site


def organisations_for_user(user) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    if is_coordinator(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(
        memberships__person__user=user, memberships__ended_on__isnull=True
    ).distinct()


def scope_to_user(queryset: QuerySet, user, *, organisation_path: str = "organisation") -> QuerySet:
    """Restrict any queryset to rows of the user's organisations (all rows for coordinators).

    `organisation_path` is the lookup from the queryset's model to Organisation,
    e.g. "site__organisation" for a programme offer.
    """
    if not user.is_authenticated:
        return queryset.none()
    if is_coordinator(user):
        return queryset
    own = organisations_for_user(user).values("pk")
    return queryset.filter(**{f"{organisation_path}__in": own})


def get_organisation_for_user(user, uuid) -> Organisation:
    return get_object_or_404(organisations_for_user(user), uuid=uuid)


def get_site_for_user(user, uuid) -> Site:
    return get_object_or_404(
        scope_to_user(Site.objects.select_related("organisation"), user), uuid=uuid
    )


def get_person_for_user(user, uuid) -> Person:
    qs = scope_to_user(Person.objects.all(), user, organisation_path="memberships__organisation")
    return get_object_or_404(qs.distinct(), uuid=uuid)
