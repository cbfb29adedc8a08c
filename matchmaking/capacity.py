"""How many places of a workplace are still free: one definition for every reader.

free = places − current agreements on the workplace (signed or running) − accepted proposals
that have no agreement yet (proposed, introduction planned, trial: Proposal.HOLDS_PLACE). A
proposal that reaches "agreement signed" holds its place through the agreement, so nothing is
counted twice.
"""

from django.db.models import Count, F, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Greatest

from .models import Agreement, Proposal, Workplace

CURRENT_AGREEMENT = Q(agreements__status__in=[Agreement.Status.SIGNED, Agreement.Status.RUNNING])
HOLDING_PROPOSAL = Q(proposals__status__in=Proposal.HOLDS_PLACE)


def with_free_places(workplaces: QuerySet[Workplace] | None = None) -> QuerySet[Workplace]:
    """Annotate `taken` and `free` (never below 0) on each workplace, in one query."""
    workplaces = Workplace.objects.all() if workplaces is None else workplaces
    taken = Coalesce(
        Count("agreements", filter=CURRENT_AGREEMENT, distinct=True), Value(0)
    ) + Coalesce(Count("proposals", filter=HOLDING_PROPOSAL, distinct=True), Value(0))
    return workplaces.annotate(taken=taken).annotate(
        free=Greatest(F("places") - F("taken"), Value(0), output_field=IntegerField())
    )


def open_workplaces_with_free_places(workplaces: QuerySet[Workplace] | None = None):
    """Open workplaces that still have at least one free place."""
    workplaces = Workplace.objects.all() if workplaces is None else workplaces
    return with_free_places(workplaces.filter(status=Workplace.Status.OPEN)).filter(free__gt=0)
