"""Filters of the coordinators' order list (in the URL, so the export uses the same view)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import Subregion

from ..models import Campaign, Order


class OrderFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Order.Status.choices, empty_label=_("Alle")
    )
    campaign = django_filters.ModelChoiceFilter(
        label=_("Campagne"),
        queryset=lambda request: Campaign.objects.order_by("-starts_on"),
        empty_label=_("Alle"),
    )
    subregion = django_filters.ModelChoiceFilter(
        label=_("Subregio"),
        field_name="site__postcode__subregion",
        queryset=lambda request: Subregion.objects.order_by("order", "name"),
        empty_label=_("Alle"),
    )
    placed_from = django_filters.DateFilter(
        label=_("Besteld vanaf"),
        field_name="created_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    placed_until = django_filters.DateFilter(
        label=_("Besteld tot en met"),
        field_name="created_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Order
        fields = ["status", "campaign", "subregion", "placed_from", "placed_until"]
