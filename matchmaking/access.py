"""Who may see which matchmaking rows (STYLE.md: one helper per model, 404 for outsiders).

Learner files are personal data of (mostly) minors: coordinators see all of them, the contacts
of a provider only the learners whose current provider is one of their organisations, and
nobody else any. Workplaces and recognitions belong to a company site: coordinators and the
company's own contacts. Candidate companies are the coordinators' pipeline only.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from steunpunt.accounts.roles import Role
from steunpunt.core.access import organisations_for_user, scope_to_user
from steunpunt.core.models import Organisation

from .models import CandidateCompany, Learner, Recognition, Workplace


def learners_for_user(user) -> QuerySet[Learner]:
    learners = Learner.objects.select_related("provider", "postcode")
    if not user.is_authenticated:
        return learners.none()
    if user.has_role(Role.COORDINATOR):
        return learners
    if not user.has_role(Role.SCHOOL_CONTACT):
        return learners.none()
    providers = organisations_for_user(user).filter(kind__in=Organisation.PROVIDER_KINDS)
    return learners.filter(provider__in=providers.values("pk"))


def get_learner_for_user(user, uuid) -> Learner:
    return get_object_or_404(learners_for_user(user), uuid=uuid)


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


def candidates_for_user(user) -> QuerySet[CandidateCompany]:
    if user.is_authenticated and user.has_role(Role.COORDINATOR):
        return CandidateCompany.objects.select_related("postcode")
    return CandidateCompany.objects.none()


def get_candidate_for_user(user, uuid) -> CandidateCompany:
    return get_object_or_404(candidates_for_user(user), uuid=uuid)
