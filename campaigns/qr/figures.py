"""QR scan figures for the registry (registered from CampaignsConfig.ready())."""

from django.db.models import Sum
from django.utils.translation import gettext_lazy

from steunpunt.core.figures import Figure, registry
from steunpunt.core.models import Organisation

from ..campaign.figures import QR_SCANS
from ..models import QrScanCount


def _qr_scans(subregion=None, moment=None, campaign=None) -> int:
    rows = QrScanCount.objects.all()
    if campaign is not None:
        rows = rows.filter(qr_code__panel__campaign=campaign)
    if moment is not None:
        rows = rows.filter(day__lte=moment)
    if subregion is not None:
        schools = Organisation.objects.filter(sites__postcode__subregion=subregion)
        rows = rows.filter(qr_code__participation__school__in=schools.values("pk"))
    return rows.aggregate(total=Sum("count"))["total"] or 0


def register_qr_figures() -> None:
    registry.register(
        Figure(
            name="campaigns.qr_scans",
            label=gettext_lazy("Scans van QR-codes op het infopunt"),
            unit=gettext_lazy("scans"),
            compute=_qr_scans,
            description=gettext_lazy(
                "Scans van de QR-codes op de infopanelen tot en met de peildatum, geteld door het "
                "portaal; per subregio tellen alleen de codes van scholen (volgens hun "
                "hoofdvestiging), de algemene codes alleen in het provinciale totaal."
            ),
            filters=("subregion", "moment", "campaign"),
            grouping=QR_SCANS,
        )
    )
