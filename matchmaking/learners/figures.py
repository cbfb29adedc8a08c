"""Figures of the learners tool for the core's registry: learners and their agreements
(registered in MatchmakingConfig.ready(); the filters and groupings: common/figures.py)."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.figure_groups import (
    DaysBetween,
    Grouping,
    Median,
    day_end,
    school_year_begin,
    school_year_start,
)
from steunpunt.core.figures import Figure

from ..common.figures import AT_SITE, distinct, register
from ..models import Agreement, Learner, Proposal

AGREEMENT_PATHS = {**AT_SITE, "provider_type": "learner__provider__kind"}
LEARNER_PATHS = {
    "subregion": "postcode__subregion__slug",
    "provider_type": "provider__kind",
    "programme": "wishes__programme__code",
    "study_domain": "wishes__programme__study_domain__code",
}


def agreements_running(subregion=None, programme=None, moment=None) -> int:
    """Agreements current on `moment` (today by default): started, not yet ended."""
    agreements = agreements_current_on(moment or timezone.localdate())
    if subregion is not None:
        agreements = agreements.filter(site__postcode__subregion=subregion)
    if programme is not None:
        agreements = agreements.filter(programme=programme)
    return agreements.count()


def learners_searching(subregion=None, programme=None) -> int:
    """Learners looking for a workplace now; by programme: who wishes it (any rank)."""
    learners = Learner.objects.filter(status=Learner.Status.SEARCHING)
    if subregion is not None:
        learners = learners.filter(postcode__subregion=subregion)
    if programme is not None:
        learners = learners.filter(wishes__programme=programme)
    return learners.distinct().count()


def agreements_current_on(day: date):
    """Agreements that started on or before `day` and had not ended before it."""
    return Agreement.objects.filter(start_date__lte=day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )


def _agreements_started_by(day: date):
    """Agreements that started in the school year of `day`, up to `day` (running or ended)."""
    return Agreement.objects.filter(start_date__gte=school_year_start(day), start_date__lte=day)


def learners_known_by(day: date):
    return Learner.objects.filter(created_at__lt=day_end(day))


def _learners_registered_by(day: date):
    """Learners registered in the school year of `day`, up to `day`: the funnel's start."""
    return learners_known_by(day).filter(created_at__gte=school_year_begin(day))


def _learners_proposed_by(day: date):
    proposals = Proposal.objects.filter(learner=OuterRef("pk"), run__created_at__lt=day_end(day))
    return _learners_registered_by(day).filter(Exists(proposals))


def _learners_with_agreement_by(day: date):
    agreements = Agreement.objects.filter(learner=OuterRef("pk"), created_at__lt=day_end(day))
    return _learners_registered_by(day).filter(Exists(agreements))


def _learners_with_first_agreement(day: date):
    """Learners with an agreement registered by `day`, annotated with the registration time of
    their first agreement (`first_agreement_at`)."""
    first = (
        Agreement.objects.filter(learner=OuterRef("pk"), created_at__lt=day_end(day))
        .order_by("created_at", "pk")
        .values("created_at")[:1]
    )
    return (
        _learners_registered_by(day)
        .annotate(first_agreement_at=Subquery(first))
        .filter(first_agreement_at__isnull=False)
    )


def learners_in_dual(subregion=None, programme=None, moment=None) -> int:
    """Learners with an agreement current on `moment` (today by default)."""
    agreements = agreements_current_on(moment or timezone.localdate())
    if subregion is not None:
        agreements = agreements.filter(site__postcode__subregion=subregion)
    if programme is not None:
        agreements = agreements.filter(programme=programme)
    return agreements.values("learner").distinct().count()


def learner_grouping(rows) -> Grouping:
    """Learners counted once per group (a learner with two wishes is one learner in the total)."""
    return Grouping(rows=rows, paths=LEARNER_PATHS, aggregate=distinct("pk"), additive=False)


def register_figures():
    register(
        Figure(
            name="matchmaking.learners_in_dual",
            label=_("Lerenden in duaal leren"),
            unit=_("lerenden"),
            compute=learners_in_dual,
            description=_(
                "Lerenden met een overeenkomst (OAO, SAO of DAO) die op de peildatum loopt, "
                "uit het overeenkomstenregister van het portaal."
            ),
            grouping=Grouping(
                rows=agreements_current_on,
                paths=AGREEMENT_PATHS,
                aggregate=distinct("learner"),
                additive=False,
            ),
        )
    )
    register(
        Figure(
            name="matchmaking.agreements_total",
            label=_("Overeenkomsten (totaal)"),
            unit=_("overeenkomsten"),
            description=_(
                "Overeenkomsten die in het schooljaar van de peildatum begonnen (vanaf 1 "
                "september tot en met de peildatum), lopend of al beëindigd, uit het "
                "overeenkomstenregister van het portaal."
            ),
            grouping=Grouping(rows=_agreements_started_by, paths=AGREEMENT_PATHS),
        )
    )
    register(
        Figure(
            name="matchmaking.learners_registered",
            label=_("Aangemelde lerenden"),
            unit=_("lerenden"),
            description=_(
                "Lerenden die in het schooljaar van de peildatum (vanaf 1 september tot en met "
                "de peildatum) bij de matchmaking van het portaal zijn aangemeld (begin van de "
                "trechter)."
            ),
            grouping=learner_grouping(_learners_registered_by),
        )
    )
    register(
        Figure(
            name="matchmaking.learners_proposed",
            label=_("Lerenden met een voorstel"),
            unit=_("lerenden"),
            description=_(
                "Lerenden aangemeld in het schooljaar van de peildatum die tot en met de "
                "peildatum minstens één voorstel van een werkplek kregen uit een matching."
            ),
            grouping=learner_grouping(_learners_proposed_by),
        )
    )
    register(
        Figure(
            name="matchmaking.learners_with_agreement",
            label=_("Lerenden met een overeenkomst"),
            unit=_("lerenden"),
            description=_(
                "Lerenden aangemeld in het schooljaar van de peildatum van wie tot en met de "
                "peildatum een overeenkomst is geregistreerd (einde van de trechter)."
            ),
            grouping=learner_grouping(_learners_with_agreement_by),
        )
    )
    register(
        Figure(
            name="matchmaking.days_to_agreement",
            label=_("Dagen tot een overeenkomst (mediaan)"),
            unit=_("dagen"),
            description=_(
                "De mediaan van het aantal dagen tussen de aanmelding van een lerende (in het "
                "schooljaar van de peildatum) en de registratie van de eerste overeenkomst."
            ),
            grouping=Grouping(
                rows=_learners_with_first_agreement,
                paths=LEARNER_PATHS,
                aggregate=Median(DaysBetween("created_at", "first_agreement_at")),
                additive=False,
            ),
            kind="days",
        )
    )
    register(
        Figure(
            name="matchmaking.agreements_running",
            label=_("Lopende overeenkomsten"),
            unit=_("overeenkomsten"),
            compute=agreements_running,
            description=_(
                "OAO, SAO en DAO die op de peildatum lopen (begonnen en niet beëindigd), uit het "
                "overeenkomstenregister van het portaal."
            ),
            grouping=Grouping(rows=agreements_current_on, paths=AGREEMENT_PATHS),
        )
    )
    register(
        Figure(
            name="matchmaking.learners_searching",
            label=_("Lerenden die een werkplek zoeken"),
            unit=_("lerenden"),
            compute=learners_searching,
            description=_(
                "Lerenden met de status 'zoekt een werkplek'; per opleiding telt elke wens mee."
            ),
            filters=("subregion", "programme"),
        )
    )
