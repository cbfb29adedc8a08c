"""Filters of the public workplace finder (`/leerwerkplekken/`).

Every filter is a GET parameter, so a search is a shareable URL and works without JavaScript.
The postcode and the distance are validated by the programme finder's form (same Dutch
messages) and applied by `selectors.search_workplaces`, which needs the distances.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from steunpunt.core.filters import ProgrammeFinderForm
from steunpunt.core.models import Postcode, Programme, StudyDomain, Subregion

from ..models import Workplace

DISTANCES_KM = (5, 10, 20, 30, 50)


def _programmes_with_workplaces():
    """Only programmes that have a public workplace at all: a shorter, useful list."""
    return Programme.objects.filter(
        Exists(Workplace.objects.filter(programme=OuterRef("pk"), is_public=True)),
        active=True,
    ).order_by("name")


class WorkplaceFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(
        label=_("Opleiding"),
        queryset=Programme.objects.none(),
        to_field_name="slug",
        empty_label=_("Alle opleidingen"),
    )
    study_domain = django_filters.ModelChoiceFilter(
        label=_("Studiedomein"),
        field_name="programme__study_domain",
        queryset=StudyDomain.objects.order_by("name"),
        empty_label=_("Alle studiedomeinen"),
    )
    subregion = django_filters.ModelChoiceFilter(
        label=_("Regio"),
        field_name="site__postcode__subregion",
        queryset=Subregion.objects.order_by("order", "name"),
        to_field_name="slug",
        empty_label=_("Heel West-Vlaanderen"),
    )
    postcode = django_filters.CharFilter(
        label=_("In de buurt van postcode"),
        method="filter_nothing",
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "maxlength": 4}
        ),
    )
    km = django_filters.ChoiceFilter(
        label=_("Binnen"),
        choices=[(str(km), _("%(km)s km") % {"km": km}) for km in DISTANCES_KM],
        empty_label=_("Elke afstand"),
        method="filter_nothing",
    )

    class Meta:
        model = Workplace
        form = ProgrammeFinderForm
        fields = ["programme", "study_domain", "subregion", "postcode", "km"]

    # The filters that say where; the empty state drops them to find what exists elsewhere.
    PLACE_FIELDS = ("subregion", "postcode", "km")

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        self.filters["programme"].queryset = _programmes_with_workplaces()

    def filter_nothing(self, queryset, name, value):
        return queryset  # applied by selectors.search_workplaces (distances)

    @property
    def origin(self) -> Postcode | None:
        if not self.is_bound:
            return None
        self.form.is_valid()
        return getattr(self.form, "postcode", None)

    @property
    def radius_km(self) -> int | None:
        if self.origin is None:
            return None
        value = self.form.cleaned_data.get("km")
        return int(value) if value else None
