"""Digital kit figures for the registry (registered from CampaignsConfig.ready())."""

from django.db.models import Sum
from django.utils.translation import gettext_lazy

from steunpunt.core.figures import Figure, registry
from steunpunt.core.models import Organisation

from ..campaign.figures import KIT_DOWNLOADS
from ..models import KitDownloadCount


def _downloads(subregion=None, moment=None, campaign=None, zip_only=False) -> int:
    rows = KitDownloadCount.objects.all()
    if campaign is not None:
        rows = rows.filter(campaign=campaign)
    if zip_only:
        rows = rows.filter(material__isnull=True)
    if moment is not None:
        rows = rows.filter(day__lte=moment)
    if subregion is not None:
        schools = Organisation.objects.filter(sites__postcode__subregion=subregion)
        rows = rows.filter(school__in=schools.values("pk"))
    return rows.aggregate(total=Sum("count"))["total"] or 0


def _kit_downloads(subregion=None, moment=None, campaign=None) -> int:
    return _downloads(subregion=subregion, moment=moment, campaign=campaign)


def _kit_zip_downloads(subregion=None, moment=None, campaign=None) -> int:
    return _downloads(subregion=subregion, moment=moment, campaign=campaign, zip_only=True)


def register_kit_figures() -> None:
    registry.register(
        Figure(
            name="campaigns.kit_downloads",
            label=gettext_lazy("Downloads uit de digitale kit"),
            unit=gettext_lazy("downloads"),
            compute=_kit_downloads,
            description=gettext_lazy(
                "Downloads uit de digitale kit op het portaal tot en met de peildatum, losse "
                "bestanden en de ZIP samen; per subregio tellen de downloads van aangemelde "
                "scholen, volgens de subregio van hun hoofdvestiging."
            ),
            filters=("subregion", "moment", "campaign"),
            grouping=KIT_DOWNLOADS,
        )
    )
    registry.register(
        Figure(
            name="campaigns.kit_zip_downloads",
            label=gettext_lazy("Downloads van de hele digitale kit (ZIP)"),
            unit=gettext_lazy("downloads"),
            compute=_kit_zip_downloads,
            description=gettext_lazy(
                "Downloads van de volledige digitale kit als ZIP-bestand op het portaal, tot en "
                "met de peildatum."
            ),
            filters=("subregion", "moment", "campaign"),
        )
    )
