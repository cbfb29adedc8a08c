"""Who sees which matching run and proposal (STYLE.md: one helper per model, 404 for outsiders).

Runs and their proposals are the coordinators' tool. The contacts of a learner's provider see,
read-only, the proposals of their learners once a coordinator accepted them.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from steunpunt.accounts.roles import Role, is_coordinator

from ..learners.access import learners_for_user
from ..models import MatchingRun, Proposal


def runs_for_user(user) -> QuerySet[MatchingRun]:
    runs = MatchingRun.objects.select_related("subregion", "created_by")
    return runs if is_coordinator(user) else runs.none()


def get_run_for_user(user, uuid) -> MatchingRun:
    return get_object_or_404(runs_for_user(user), uuid=uuid)


def proposals_for_user(user) -> QuerySet[Proposal]:
    proposals = Proposal.objects.select_related(
        "run__subregion",
        "learner__provider",
        "workplace__site__organisation",
        "workplace__site__postcode",
        "workplace__programme",
        "agreement",
    )
    if is_coordinator(user):
        return proposals
    if not (user.is_authenticated and user.has_role(Role.SCHOOL_CONTACT)):
        return proposals.none()
    return proposals.exclude(status=Proposal.Status.OPEN).filter(
        learner__in=learners_for_user(user).values("pk")
    )


def get_proposal_for_user(user, uuid) -> Proposal:
    return get_object_or_404(proposals_for_user(user), uuid=uuid)
