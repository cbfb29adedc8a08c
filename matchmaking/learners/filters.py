"""Filters of the learner list (in the URL, so a filtered list can be bookmarked)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from steunpunt.core.filters import SearchFilter
from steunpunt.core.models import Organisation, Programme, Subregion

from ..models import Learner
from .access import learners_for_user


def _providers(request):
    """The providers whose learners the user sees (a school contact: their own)."""
    visible = learners_for_user(request.user).values("provider")
    return Organisation.objects.filter(pk__in=visible).order_by("name")


class LearnerFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Naam"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Learner.Status.choices, empty_label=_("Alle")
    )
    subregion = django_filters.ModelChoiceFilter(
        label=_("Subregio"),
        field_name="postcode__subregion",
        queryset=lambda request: Subregion.objects.order_by("order", "name"),
        empty_label=_("Alle"),
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Gewenste opleiding"),
        method="filter_programme",
        queryset=lambda request: Programme.objects.order_by("name"),
        empty_label=_("Alle"),
    )
    provider = django_filters.ModelChoiceFilter(
        label=_("Opleidingsverstrekker"),
        queryset=_providers,
        empty_label=_("Alle"),
    )

    class Meta:
        model = Learner
        fields = ["q", "status", "subregion", "programme", "provider"]

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        return queryset

    def filter_programme(self, queryset, name, value):
        return queryset.filter(pk__in=Learner.objects.filter(wishes__programme=value).values("pk"))
