"""Matchmaking figures for the core's registry (dashboard, public programme pages).

Registered in MatchmakingConfig.ready(); readers ask `registry.value(name, **filters)` and never
import this app. Filters:

- `subregion`: a Subregion (where the site, or the candidate's postcode, lies);
- `programme`: a Programme;
- `moment`: a date (recognitions valid and agreements current on that day; default today);
- `near` (open workplaces only): a Postcode, or a (Postcode, km) pair; a Postcode alone means
  within DEFAULT_NEAR_KM.
- `status` (candidate companies only): one of CandidateCompany.Status.
"""

from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
    from .models import Agreement

    day = moment or timezone.localdate()
    agreements = Agreement.objects.filter(start_date__lte=day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )
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


def register_matchmaking_figures():
    registry.register(
        Figure(
            name="matchmaking.open_workplaces",
            label=_("Vrije leerwerkplekken"),
            unit=_("leerwerkplekken"),
            compute=open_workplaces,
            description=_("Open, gepubliceerde leerwerkplekken met minstens één vrije plaats."),
            filters=("programme", "subregion", "near"),
        )
    )
    registry.register(
        Figure(
            name="matchmaking.candidate_companies",
            label=_("Kandidaat-ondernemingen"),
            unit=_("ondernemingen"),
            compute=candidate_companies,
            description=_("Ondernemingen die leerwerkplek willen worden."),
            filters=("status", "subregion", "programme", "moment"),
        )
    )
    registry.register(
        Figure(
            name="matchmaking.recognised_companies",
            label=_("Erkende ondernemingen"),
            unit=_("ondernemingen"),
            compute=recognised_companies,
            description=_("Ondernemingen met minstens één geldige erkenning."),
        )
    )
    registry.register(
        Figure(
            name="matchmaking.recognised_sites",
            label=_("Erkende vestigingsplaatsen"),
            unit=_("vestigingsplaatsen"),
            compute=recognised_sites,
            description=_("Vestigingsplaatsen met minstens één geldige erkenning."),
        )
    )
    registry.register(
        Figure(
            name="matchmaking.agreements_running",
            label=_("Lopende overeenkomsten"),
            unit=_("overeenkomsten"),
            compute=agreements_running,
            description=_("OAO, SAO en DAO die op de peildatum lopen."),
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
        )
    )
