"""Filters of the learner list (in the URL, so a filtered list can be bookmarked)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from steunpunt.core.filters import SearchFilter
from steunpunt.core.models import Organisation, Programme, Subregion

from .access import learners_for_user
from .models import Learner


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


class WaitingListFilter(forms.Form):
    """The shared waiting list per subregion (empty: the whole province)."""

    subregion = forms.ModelChoiceField(
        label=_("Subregio"),
        queryset=Subregion.objects.order_by("order", "name"),
        required=False,
        empty_label=_("Heel West-Vlaanderen"),
    )


class InactiveFilter(forms.Form):
    """The "recognised but inactive" list per subregion and programme."""

    subregion = forms.ModelChoiceField(
        label=_("Subregio"),
        queryset=Subregion.objects.order_by("order", "name"),
        required=False,
        empty_label=_("Heel West-Vlaanderen"),
    )
    programme = forms.ModelChoiceField(
        label=_("Opleiding"),
        queryset=Programme.objects.order_by("name"),
        required=False,
        empty_label=_("Alle"),
    )

    def selection(self) -> dict:
        if not self.is_valid():
            return {"subregion": None, "programme": None}
        return {
            "subregion": self.cleaned_data["subregion"],
            "programme": self.cleaned_data["programme"],
        }
