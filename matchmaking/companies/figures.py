"""Figures of the companies tool for the core's registry: recognised and active companies
(registered in MatchmakingConfig.ready(); the filters and groupings: common/figures.py)."""

from datetime import date

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.figure_groups import Grouping
from steunpunt.core.figures import Figure

from ..common.figures import AT_SITE, distinct, register
from ..learners.figures import agreements_current_on
from ..models import Recognition


def _valid_recognitions(subregion, programme, moment: date | None):
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


def company_recognised(organisation=None, programme=None) -> int:
    """Sites of one company with a recognition valid today (for one programme, if given): the
    recognition status the POF shows next to a programmatie request's partner companies."""
    recognitions = _valid_recognitions(None, programme, None)
    if organisation is not None:
        recognitions = recognitions.filter(site__organisation=organisation)
    return recognitions.values("site").distinct().count()


def _recognitions_on(day: date):
    return Recognition.objects.valid_on(day)


def _active_recognitions_on(day: date):
    """Valid recognitions of companies that have at least one agreement current on `day` (at any
    of their sites): the rows of the active companies."""
    running = agreements_current_on(day).filter(site__organisation=OuterRef("site__organisation"))
    return _recognitions_on(day).filter(Exists(running))


def register_figures():
    register(
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
                aggregate=distinct("site__organisation"),
                additive=False,
            ),
        )
    )
    register(
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
    register(
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
                aggregate=distinct("site__organisation"),
                additive=False,
            ),
        )
    )
    register(
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
                aggregate=distinct("site"),
                additive=False,
            ),
        )
    )
    register(
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
