"""Reads of the matching runs: the proposals and unmatched learners of a run, a proposal's
steps. Who may see a run or proposal: runs/access.py."""

from django.db.models import QuerySet

from ..models import MatchingRun, Proposal, UnmatchedLearner


def run_proposals(run: MatchingRun) -> QuerySet[Proposal]:
    """The proposals of a run, best first (one query per page)."""
    return (
        Proposal.objects.filter(run=run)
        .select_related(
            "learner",
            "workplace__site__organisation",
            "workplace__site__postcode",
            "workplace__programme",
        )
        .order_by("learner__last_name", "learner__first_name", "pk")
    )


def run_unmatched(run: MatchingRun) -> QuerySet[UnmatchedLearner]:
    return (
        UnmatchedLearner.objects.filter(run=run)
        .select_related("learner__postcode")
        .order_by("learner__last_name", "learner__first_name", "pk")
    )


def proposal_history(proposal: Proposal):
    return proposal.transitions.select_related("by").order_by("at", "pk")
