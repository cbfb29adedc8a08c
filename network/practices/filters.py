"""The public search of good practices: words, subregion, programme."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from steunpunt.core.filters import SearchFilter
from steunpunt.core.models import Programme, Subregion

from ..models import GoodPractice


class GoodPracticeFilter(django_filters.FilterSet):
    zoek = SearchFilter(label=_("Zoek"), method="search")
    subregio = django_filters.ModelChoiceFilter(
        label=_("Subregio"),
        field_name="subregion",
        queryset=Subregion.objects.order_by("order", "name"),
        to_field_name="slug",
        empty_label=_("Alle subregio's"),
    )
    opleiding = django_filters.ModelChoiceFilter(
        label=_("Opleiding"),
        field_name="programme",
        queryset=Programme.objects.none(),
        to_field_name="slug",
        empty_label=_("Alle opleidingen"),
    )

    class Meta:
        model = GoodPractice
        fields: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only programmes that have a published practice: a choice never leads to nothing.
        self.filters["opleiding"].queryset = Programme.objects.filter(
            pk__in=GoodPractice.objects.filter(is_published=True).values("programme")
        ).order_by("name")

    def search(self, queryset, name, value):
        for word in value.split()[:8]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(what_worked__icontains=word)
                | Q(company_name__icontains=word)
            )
        return queryset
