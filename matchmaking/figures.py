"""Matchmaking figures for the core's registry (dashboard, public programme pages).

Registered in MatchmakingConfig.ready(); readers ask `registry.value(name, **filters)` and never
import this app. Filters:

- `subregion`: a Subregion (where the site, or the candidate's postcode, lies);
- `programme`: a Programme;
- `moment`: a date (recognitions valid and agreements current on that day; default today);
- `near` (open workplaces only): a Postcode, or a (Postcode, km) pair; a Postcode alone means
  within DEFAULT_NEAR_KM.
- `status` (candidate companies only): one of CandidateCompany.Status.

Most figures also carry a Grouping (steunpunt.core.figure_groups): the dashboard's snapshots
split them by subregion, provider type, programme and study domain in a few grouped queries.
Subregion is where the company site of the agreement, workplace or recognition lies, or where a
learner or candidate company lives (postcode); provider type is the kind of the learner's
provider; programme is the agreement's, workplace's or recognition's programme, and for learners
each programme they wish (a learner with two wishes counts once in each, once in the total).
"""

from dataclasses import replace
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.figure_groups import (
    DaysBetween,
    Grouping,
    Median,
    day_end,
    grouped_compute,
    school_year_begin,
    school_year_start,
)
from steunpunt.core.figures import Figure, registry

DEFAULT_NEAR_KM = 20


def _near(near):
    if near is None:
        return None, None
    if isinstance(near, tuple | list):
        return near[0], near[1]
    return near, DEFAULT_NEAR_KM


def open_workplaces(programme=None, subregion=None, near=None) -> int:
    """Public workplaces with a free place (the finder's rows), optionally near a postcode."""
    from .public_selectors import public_workplaces, workplaces_near

    workplaces = public_workplaces()
    if programme is not None:
        workplaces = workplaces.filter(programme=programme)
    if subregion is not None:
        workplaces = workplaces.filter(site__postcode__subregion=subregion)
    origin, km = _near(near)
    if origin is not None and origin.has_coordinates:
        return len(workplaces_near(workplaces, origin, km))
    return workplaces.count()


def candidate_companies(status=None, subregion=None, programme=None, moment=None) -> int:
    """Candidate companies (registered up to `moment`), by status, subregion and programme."""
    from .models import CandidateCompany

    candidates = CandidateCompany.objects.all()
    if status:
        candidates = candidates.filter(status=status)
    if subregion is not None:
        candidates = candidates.filter(postcode__subregion=subregion)
    if programme is not None:
        candidates = candidates.filter(programmes=programme)
    if moment is not None:
        candidates = candidates.filter(created_at__date__lte=moment)
    return candidates.values("pk").distinct().count()


def _valid_recognitions(subregion, programme, moment: date | None):
    from .models import Recognition

    recognitions = Recognition.objects.valid_on(moment or timezone.localdate())
    if subregion is not None:
        recognitions = recognitions.filter(site__postcode__subregion=subregion)
    if programme is not None:
        recognitions = recognitions.filter(programme=programme)
    return recognitions


def recognised_companies(subregion=None, programme=None, moment=None) -> int:
    """Companies with at least one recognition valid on `moment` (today by default)."""
    recognitions = _valid_recognitions(subregion, programme, moment)
    return recognitions.values("site__organisation").distinct().count()


def recognised_sites(subregion=None, programme=None, moment=None) -> int:
    """Company sites with at least one recognition valid on `moment` (today by default)."""
    recognitions = _valid_recognitions(subregion, programme, moment)
    return recognitions.values("site").distinct().count()


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
    from .models import Learner

    learners = Learner.objects.filter(status=Learner.Status.SEARCHING)
    if subregion is not None:
        learners = learners.filter(postcode__subregion=subregion)
    if programme is not None:
        learners = learners.filter(wishes__programme=programme)
    return learners.distinct().count()


def company_recognised(organisation=None, programme=None) -> int:
    """Sites of one company with a recognition valid today (for one programme, if given): the
    recognition status the POF shows next to a programmatie request's partner companies."""
    recognitions = _valid_recognitions(None, programme, None)
    if organisation is not None:
        recognitions = recognitions.filter(site__organisation=organisation)
    return recognitions.values("site").distinct().count()


# --- Grouped figures: the rows each figure counts on a day, and where they lie ----------------

AT_SITE = {
    "subregion": "site__postcode__subregion__slug",
    "programme": "programme__code",
    "study_domain": "programme__study_domain__code",
}
AGREEMENT_PATHS = {**AT_SITE, "provider_type": "learner__provider__kind"}
LEARNER_PATHS = {
    "subregion": "postcode__subregion__slug",
    "provider_type": "provider__kind",
    "programme": "wishes__programme__code",
    "study_domain": "wishes__programme__study_domain__code",
}
CANDIDATE_PATHS = {
    "subregion": "postcode__subregion__slug",
    "programme": "programmes__code",
    "study_domain": "programmes__study_domain__code",
}


def agreements_current_on(day: date):
    """Agreements that started on or before `day` and had not ended before it."""
    from .models import Agreement

    return Agreement.objects.filter(start_date__lte=day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )


def _agreements_started_by(day: date):
    """Agreements that started in the school year of `day`, up to `day` (running or ended)."""
    from .models import Agreement

    return Agreement.objects.filter(start_date__gte=school_year_start(day), start_date__lte=day)


def _recognitions_on(day: date):
    from .models import Recognition

    return Recognition.objects.valid_on(day)


def _active_recognitions_on(day: date):
    """Valid recognitions of companies that have at least one agreement current on `day` (at any
    of their sites): the rows of the active companies."""
    running = agreements_current_on(day).filter(site__organisation=OuterRef("site__organisation"))
    return _recognitions_on(day).filter(Exists(running))


def _candidates_by(day: date):
    from .models import CandidateCompany

    return CandidateCompany.objects.filter(created_at__lt=day_end(day))


def _learners_known_by(day: date):
    from .models import Learner

    return Learner.objects.filter(created_at__lt=day_end(day))


def _learners_registered_by(day: date):
    """Learners registered in the school year of `day`, up to `day`: the funnel's start."""
    return _learners_known_by(day).filter(created_at__gte=school_year_begin(day))


def _learners_proposed_by(day: date):
    from .models import Proposal

    proposals = Proposal.objects.filter(learner=OuterRef("pk"), run__created_at__lt=day_end(day))
    return _learners_registered_by(day).filter(Exists(proposals))


def _learners_with_agreement_by(day: date):
    from .models import Agreement

    agreements = Agreement.objects.filter(learner=OuterRef("pk"), created_at__lt=day_end(day))
    return _learners_registered_by(day).filter(Exists(agreements))


def _learners_with_first_agreement(day: date):
    """Learners with an agreement registered by `day`, annotated with the registration time of
    their first agreement (`first_agreement_at`)."""
    from .models import Agreement

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


def _learners_at_risk_on(day: date):
    from .lists_selectors import learners_without_agreement, risk_cutoff

    cutoff = risk_cutoff(day, settings.MATCHMAKING_RISK_TRAINING_DAYS)
    return learners_without_agreement(_learners_known_by(day), day).filter(
        programme_started_on__lte=cutoff
    )


def _open_workplaces_on(day: date):
    from .models import Workplace
    from .public_selectors import public_workplaces

    # The finder's rows (annotated and filtered on free places), as a plain queryset to group.
    return Workplace.objects.filter(pk__in=public_workplaces(day).values("pk"))


def learners_in_dual(subregion=None, programme=None, moment=None) -> int:
    """Learners with an agreement current on `moment` (today by default)."""
    agreements = agreements_current_on(moment or timezone.localdate())
    if subregion is not None:
        agreements = agreements.filter(site__postcode__subregion=subregion)
    if programme is not None:
        agreements = agreements.filter(programme=programme)
    return agreements.values("learner").distinct().count()


def _distinct(column):
    return Count(column, distinct=True)


def _learner_grouping(rows) -> Grouping:
    """Learners counted once per group (a learner with two wishes is one learner in the total)."""
    return Grouping(rows=rows, paths=LEARNER_PATHS, aggregate=_distinct("pk"), additive=False)


# One single-value provider per grouped figure, made once (registering twice must find the same).
_COMPUTES: dict[str, Any] = {}


def _register(figure: Figure) -> None:
    """Register a grouped figure; without its own `compute`, registry.value() aggregates the
    grouping's rows (core figure_groups.grouped_compute)."""
    if figure.compute is None and figure.grouping is not None:
        compute = _COMPUTES.setdefault(figure.name, grouped_compute(figure.grouping))
        figure = replace(figure, compute=compute)
    registry.register(figure)


def register_grouped_figures():
    """The figures that only exist as groups (the dashboard and the POF annex read their cells)."""
    _register(
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
                aggregate=_distinct("learner"),
                additive=False,
            ),
        )
    )
    _register(
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
    _register(
        Figure(
            name="matchmaking.active_companies",
            label=_("Actieve erkende ondernemingen"),
            unit=_("ondernemingen"),
            description=_(
                "Erkende ondernemingen met minstens één overeenkomst die op de peildatum loopt, "
                "uit de erkenningen en het overeenkomstenregister van het portaal."
            ),
            grouping=Grouping(
                rows=_active_recognitions_on,
                paths=AT_SITE,
                aggregate=_distinct("site__organisation"),
                additive=False,
            ),
        )
    )
    _register(
        Figure(
            name="matchmaking.activation_rate",
            label=_("Activeringsgraad van erkende ondernemingen"),
            unit="%",
            description=_(
                "Het aandeel erkende ondernemingen met minstens één lopende overeenkomst op de "
                "peildatum (actieve erkende ondernemingen gedeeld door erkende ondernemingen)."
            ),
            derived=("matchmaking.active_companies", "matchmaking.recognised_companies"),
            kind="percent",
        )
    )
    _register(
        Figure(
            name="matchmaking.learners_registered",
            label=_("Aangemelde lerenden"),
            unit=_("lerenden"),
            description=_(
                "Lerenden die in het schooljaar van de peildatum (vanaf 1 september tot en met "
                "de peildatum) bij de matchmaking van het portaal zijn aangemeld (begin van de "
                "trechter)."
            ),
            grouping=_learner_grouping(_learners_registered_by),
        )
    )
    _register(
        Figure(
            name="matchmaking.learners_proposed",
            label=_("Lerenden met een voorstel"),
            unit=_("lerenden"),
            description=_(
                "Lerenden aangemeld in het schooljaar van de peildatum die tot en met de "
                "peildatum minstens één voorstel van een werkplek kregen uit een matching."
            ),
            grouping=_learner_grouping(_learners_proposed_by),
        )
    )
    _register(
        Figure(
            name="matchmaking.learners_with_agreement",
            label=_("Lerenden met een overeenkomst"),
            unit=_("lerenden"),
            description=_(
                "Lerenden aangemeld in het schooljaar van de peildatum van wie tot en met de "
                "peildatum een overeenkomst is geregistreerd (einde van de trechter)."
            ),
            grouping=_learner_grouping(_learners_with_agreement_by),
        )
    )
    _register(
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
    _register(
        Figure(
            name="matchmaking.learners_at_risk",
            label=_("Lerenden zonder overeenkomst na de opleidingsdagen"),
            unit=_("lerenden"),
            description=_(
                "Lerenden die hun duale opleiding startten en na het aantal opleidingsdagen van "
                "de risicolijst (werkdagen) op de peildatum nog geen overeenkomst hebben, "
                "volgens hun huidige status in het portaal."
            ),
            grouping=_learner_grouping(_learners_at_risk_on),
        )
    )


def register_matchmaking_figures():
    register_grouped_figures()
    registry.register(
        Figure(
            name="matchmaking.open_workplaces",
            label=_("Vrije leerwerkplekken"),
            unit=_("leerwerkplekken"),
            compute=open_workplaces,
            description=_(
                "Open, gepubliceerde leerwerkplekken met een geldige erkenning en minstens één "
                "vrije plaats, zoals de zoeker van het portaal ze toont (de huidige stand)."
            ),
            filters=("programme", "subregion", "near"),
            grouping=Grouping(rows=_open_workplaces_on, paths=AT_SITE),
        )
    )
    registry.register(
        Figure(
            name="matchmaking.candidate_companies",
            label=_("Kandidaat-ondernemingen"),
            unit=_("ondernemingen"),
            compute=candidate_companies,
            description=_(
                "Ondernemingen die zich tot en met de peildatum via het portaal kandidaat "
                "stelden om leerwerkplek te worden, in elke fase van de opvolging."
            ),
            filters=("status", "subregion", "programme", "moment"),
            grouping=Grouping(
                rows=_candidates_by,
                paths=CANDIDATE_PATHS,
                aggregate=_distinct("pk"),
                additive=False,
            ),
        )
    )
    registry.register(
        Figure(
            name="matchmaking.recognised_companies",
            label=_("Erkende ondernemingen"),
            unit=_("ondernemingen"),
            compute=recognised_companies,
            description=_(
                "Ondernemingen met minstens één erkenning die op de peildatum geldig is, uit de "
                "erkenningen in het portaal."
            ),
            grouping=Grouping(
                rows=_recognitions_on,
                paths=AT_SITE,
                aggregate=_distinct("site__organisation"),
                additive=False,
            ),
        )
    )
    registry.register(
        Figure(
            name="matchmaking.recognised_sites",
            label=_("Erkende vestigingsplaatsen"),
            unit=_("vestigingsplaatsen"),
            compute=recognised_sites,
            description=_(
                "Vestigingsplaatsen van ondernemingen met minstens één erkenning die op de "
                "peildatum geldig is, uit de erkenningen in het portaal."
            ),
            grouping=Grouping(
                rows=_recognitions_on,
                paths=AT_SITE,
                aggregate=_distinct("site"),
                additive=False,
            ),
        )
    )
    registry.register(
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
    registry.register(
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
    registry.register(
        Figure(
            name="matchmaking.company_recognised",
            label=_("Erkende vestigingen van de onderneming"),
            unit=_("vestigingsplaatsen"),
            compute=company_recognised,
            description=_("Vestigingen van één onderneming met een geldige erkenning."),
            filters=("organisation", "programme"),
            in_snapshot=False,
        )
    )
