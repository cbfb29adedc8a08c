"""Filters of the secretariat's list of programmatie requests."""

import django_filters
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import Organisation, Programme, Subregion

from .models import ProgrammatieRequest


class StaffRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[c for c in ProgrammatieRequest.Status.choices if c[0] != "draft"],
        empty_label=_("Alle statussen"),
    )
    subregio = django_filters.ModelChoiceFilter(
        label=_("Subregio"),
        field_name="site__postcode__subregion",
        queryset=Subregion.objects.order_by("order", "name"),
        empty_label=_("Alle subregio's"),
    )
    opleiding = django_filters.ModelChoiceFilter(
        label=_("Opleiding"),
        field_name="programme",
        queryset=Programme.objects.filter(active=True).order_by("name"),
        empty_label=_("Alle opleidingen"),
    )
    verstrekker = django_filters.ModelChoiceFilter(
        label=_("Opleidingsverstrekker"),
        field_name="provider",
        queryset=Organisation.objects.filter(kind__in=Organisation.PROVIDER_KINDS).order_by("name"),
        empty_label=_("Alle verstrekkers"),
    )

    class Meta:
        model = ProgrammatieRequest
        fields: list = []
