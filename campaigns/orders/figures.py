"""Order figures for the registry (registered from CampaignsConfig.ready()): the "kits ordered"
and "items ordered" figures."""

import datetime

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from steunpunt.core.figures import Figure, registry
from steunpunt.core.models import Organisation

from ..campaign.figures import KITS_ORDERED
from ..models import Order, OrderLine


def _kits_ordered(subregion=None, programme=None, moment=None, campaign=None):
    """Orders not refused (one order is one kit), by delivery subregion, up to a moment."""
    qs = Order.objects.exclude(status=Order.Status.REFUSED)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if subregion is not None:
        qs = qs.filter(site__postcode__subregion=subregion)
    if programme is not None:
        schools = Organisation.objects.filter(
            sites__offers__programme=programme, sites__offers__active=True
        ).values("pk")
        qs = qs.filter(school__in=schools)
    if moment is not None:
        if isinstance(moment, datetime.datetime):
            qs = qs.filter(created_at__lte=moment)
        else:
            qs = qs.filter(created_at__date__lte=moment)
    return qs.count()


def _items_ordered(subregion=None, programme=None, moment=None, campaign=None):
    qs = OrderLine.objects.exclude(order__status=Order.Status.REFUSED)
    if campaign is not None:
        qs = qs.filter(order__campaign=campaign)
    if subregion is not None:
        qs = qs.filter(order__site__postcode__subregion=subregion)
    if programme is not None:
        schools = Organisation.objects.filter(
            sites__offers__programme=programme, sites__offers__active=True
        ).values("pk")
        qs = qs.filter(order__school__in=schools)
    if moment is not None:
        if isinstance(moment, datetime.datetime):
            qs = qs.filter(order__created_at__lte=moment)
        else:
            qs = qs.filter(order__created_at__date__lte=moment)
    return qs.aggregate(total=Sum("quantity"))["total"] or 0


def register_order_figures():
    filters = ("subregion", "programme", "moment", "campaign")
    registry.register(
        Figure(
            name="campaigns.kits_ordered",
            label=_("Bestelde kits"),
            unit=_("bestellingen"),
            compute=_kits_ordered,
            description=_(
                "Bestellingen van fysiek campagnemateriaal door scholen, geweigerde niet "
                "meegeteld; de subregio is die van het leveradres."
            ),
            filters=filters,
            grouping=KITS_ORDERED,
        )
    )
    registry.register(
        Figure(
            name="campaigns.items_ordered",
            label=_("Bestelde stuks campagnemateriaal"),
            unit=_("stuks"),
            compute=_items_ordered,
            description=_(
                "Stuks fysiek campagnemateriaal in de bestellingen van scholen via het portaal "
                "tot en met de peildatum, geweigerde bestellingen niet meegeteld."
            ),
            filters=filters,
        )
    )
