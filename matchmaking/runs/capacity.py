"""How many places of a workplace are still free: one definition for every reader.

free = places − current agreements on the workplace (signed or running) − accepted proposals
that have no agreement yet (proposed, introduction planned, trial: Proposal.HOLDS_PLACE). A
proposal that reaches "agreement signed" holds its place through the agreement, so nothing is
counted twice.
"""

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from ..models import Agreement, Proposal, Workplace

CURRENT_AGREEMENT_STATUSES = (Agreement.Status.SIGNED, Agreement.Status.RUNNING)


def _per_workplace(model, **filters):
    """How many `model` rows of each workplace match `filters`: a correlated count on the
    workplace's index, so the plan does not depend on joining agreements and proposals at once
    (a cartesian product per workplace, and a poor plan on tables without statistics)."""
    rows = (
        model.objects.filter(workplace=OuterRef("pk"), **filters)
        .order_by()
        .values("workplace")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def with_free_places(workplaces: QuerySet[Workplace] | None = None) -> QuerySet[Workplace]:
    """Annotate `taken` and `free` (never below 0) on each workplace, in one query."""
    workplaces = Workplace.objects.all() if workplaces is None else workplaces
    taken = _per_workplace(Agreement, status__in=CURRENT_AGREEMENT_STATUSES) + _per_workplace(
        Proposal, status__in=Proposal.HOLDS_PLACE
    )
    return workplaces.annotate(taken=taken).annotate(
        free=Greatest(F("places") - F("taken"), Value(0), output_field=IntegerField())
    )


def open_workplaces_with_free_places(workplaces: QuerySet[Workplace] | None = None):
    """Open workplaces that still have at least one free place."""
    workplaces = Workplace.objects.all() if workplaces is None else workplaces
    return with_free_places(workplaces.filter(status=Workplace.Status.OPEN)).filter(free__gt=0)
