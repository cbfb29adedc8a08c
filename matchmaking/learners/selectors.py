"""Reads of the learner pages: the list, the detail page's sections, who may register for whom."""

from django.db.models import Prefetch, QuerySet

from steunpunt.accounts.roles import Role
from steunpunt.core.access import organisations_for_user
from steunpunt.core.models import Organisation

from ..models import Learner, LearnerWish, Proposal
from .access import learners_for_user

HISTORY_SHOWN = 50
ACCESSES_SHOWN = 100


def ordered_wishes() -> Prefetch:
    return Prefetch(
        "wishes", queryset=LearnerWish.objects.select_related("programme").order_by("rank")
    )


def learner_list(user) -> QuerySet[Learner]:
    """The learners the user sees, with what the list shows, in three queries per page
    (count, learners with provider and postcode, their wishes with programmes)."""
    return (
        learners_for_user(user)
        .select_related("provider", "postcode__subregion")
        .prefetch_related(ordered_wishes())
        .order_by("last_name", "first_name", "pk")
    )


def providers_for_registration(user) -> QuerySet[Organisation]:
    """A coordinator registers for any provider, a school contact only for their own."""
    providers = Organisation.objects.filter(kind__in=Organisation.PROVIDER_KINDS)
    if user.has_role(Role.COORDINATOR):
        return providers
    return providers.filter(pk__in=organisations_for_user(user).values("pk"))


def transport_labels(learner: Learner) -> list[str]:
    names = ("transport_own", "transport_bike", "transport_public")
    return [str(Learner._meta.get_field(n).verbose_name) for n in names if getattr(learner, n)]


def learner_detail(learner: Learner, *, user) -> dict:
    """The sections of the learner page; the access log only for coordinators."""
    is_coordinator = user.has_role(Role.COORDINATOR)
    return {
        "transport": transport_labels(learner),
        "wishes": list(learner.wishes.select_related("programme").order_by("rank")),
        "history": list(
            learner.history.select_related("history_user").order_by("-history_date", "-history_id")[
                :HISTORY_SHOWN
            ]
        ),
        "agreements": list(
            learner.agreements.select_related(
                "site__organisation", "site__postcode", "programme"
            ).order_by("-start_date", "-pk")
        ),
        # Proposals a coordinator accepted (a run's preview is not shown here).
        "proposals": list(
            learner.proposals.exclude(status=Proposal.Status.OPEN)
            .select_related("workplace__site__organisation", "workplace__programme")
            .order_by("-status_changed_at", "-pk")
        ),
        "accesses": (
            list(learner.accesses.select_related("user").order_by("-at", "-pk")[:ACCESSES_SHOWN])
            if is_coordinator
            else None
        ),
        "is_coordinator": is_coordinator,
    }
