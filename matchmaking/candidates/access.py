"""Who may see which candidate company: the coordinators' pipeline only (404 for others)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from steunpunt.accounts.roles import Role

from ..models import CandidateCompany


def candidates_for_user(user) -> QuerySet[CandidateCompany]:
    if user.is_authenticated and user.has_role(Role.COORDINATOR):
        return CandidateCompany.objects.select_related("postcode")
    return CandidateCompany.objects.none()


def get_candidate_for_user(user, uuid) -> CandidateCompany:
    return get_object_or_404(candidates_for_user(user), uuid=uuid)
