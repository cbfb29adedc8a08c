"""Filters of the core: the public programme finder (`/opleidingen/`).

Every filter is a GET parameter, so a search is a shareable URL and works without JavaScript.
The place filters (subregion, provider type) narrow the programmes to those offered there; the
postcode and radius are validated here but applied by `finder.search_programmes`, which needs
the distances.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from .form_fields import SearchField
from .models import Organisation, Postcode, Programme, ProgrammeOffer, StudyDomain, Subregion
from .text import fold_for_search

MAX_RADIUS_KM = 200


def public_offers():
    """The offers the public may see: active, at an active site of an active provider."""
    return ProgrammeOffer.objects.filter(
        active=True,
        site__active=True,
        site__organisation__active=True,
        site__organisation__kind__in=Organisation.PROVIDER_KINDS,
    )


def find_postcode(code: str) -> Postcode | None:
    """The postcode with coordinates for a 4-digit code (its main locality first)."""
    return (
        Postcode.objects.filter(code=code, latitude__isnull=False, longitude__isnull=False)
        .select_related("municipality")
        .order_by("-is_main_locality", "locality")
        .first()
    )


class ProgrammeFinderForm(forms.Form):
    """Validates the postcode: an unknown one gets a Dutch message next to the field."""

    def clean_postcode(self):
        code = "".join(self.cleaned_data.get("postcode", "").split())
        if not code:
            self.postcode = None
            return ""
        if not (len(code) == 4 and code.isdigit()):
            raise forms.ValidationError(
                _("Typ een postcode van 4 cijfers, bijvoorbeeld 8500."), code="invalid"
            )
        self.postcode = find_postcode(code)
        if self.postcode is None:
            raise forms.ValidationError(
                _("Postcode %(code)s kennen we niet. Kijk even na of je hem juist typte."),
                code="unknown",
                params={"code": code},
            )
        return code

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("km") and not cleaned.get("postcode") and "postcode" not in self.errors:
            self.add_error(
                "postcode", _("Vul ook je postcode in: dan zoeken we binnen die afstand.")
            )
        return cleaned


def _provider_kind_choices():
    labels = dict(Organisation.Kind.choices)
    return [(kind.value, labels[kind]) for kind in Organisation.PROVIDER_KINDS]


class SearchFilter(django_filters.CharFilter):
    """A search box of a filter form: control characters dropped (core.form_fields)."""

    field_class = SearchField


class ProgrammeFilter(django_filters.FilterSet):
    q = SearchFilter(
        label=_("Zoek op naam"),
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("bv. kapper")}),
    )
    study_domain = django_filters.ModelChoiceFilter(
        label=_("Studiedomein"),
        queryset=StudyDomain.objects.all(),
        empty_label=_("Alle studiedomeinen"),
    )
    grade = django_filters.ChoiceFilter(
        label=_("Graad"),
        choices=[c for c in Programme.Grade.choices if c[0]],
        empty_label=_("Alle graden"),
    )
    finality = django_filters.ChoiceFilter(
        label=_("Finaliteit"),
        choices=[c for c in Programme.Finality.choices if c[0]],
        empty_label=_("Alle finaliteiten"),
    )
    education_form = django_filters.ChoiceFilter(
        label=_("Onderwijsvorm"),
        choices=Programme.EducationForm.choices,
        empty_label=_("Alle onderwijsvormen"),
    )
    segment = django_filters.ChoiceFilter(
        label=_("Soort opleiding"),
        choices=Programme.Segment.choices,
        empty_label=_("Alle soorten"),
    )
    subregion = django_filters.ModelChoiceFilter(
        label=_("Regio"),
        queryset=Subregion.objects.all(),
        to_field_name="slug",
        empty_label=_("Heel West-Vlaanderen"),
        method="filter_offered",
    )
    provider_kind = django_filters.ChoiceFilter(
        label=_("Soort aanbieder"),
        choices=_provider_kind_choices,
        empty_label=_("Alle aanbieders"),
        method="filter_offered",
    )
    postcode = django_filters.CharFilter(
        label=_("In de buurt van postcode"),
        method="filter_nothing",
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "maxlength": 4}
        ),
    )
    km = django_filters.NumberFilter(
        label=_("Binnen (km)"),
        method="filter_nothing",
        min_value=1,
        max_value=MAX_RADIUS_KM,
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_RADIUS_KM, "step": 1}),
    )

    class Meta:
        model = Programme
        form = ProgrammeFinderForm
        fields = [
            "q",
            "study_domain",
            "grade",
            "finality",
            "education_form",
            "segment",
            "subregion",
            "provider_kind",
            "postcode",
            "km",
        ]

    # Filters that say where the programme is offered; the empty state drops them to count
    # what exists elsewhere.
    PLACE_FIELDS = ("subregion", "postcode", "km")

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = Programme.objects.filter(active=True)
        super().__init__(data, queryset=queryset, **kwargs)

    def filter_text(self, queryset, name, value):
        folded = fold_for_search(value)
        for word in folded.split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def filter_offered(self, queryset, name, value):
        # One EXISTS for both place filters keeps the programme rows unique (no JOIN, DISTINCT).
        if name == "provider_kind" and self.form.cleaned_data.get("subregion"):
            return queryset  # already narrowed together with the subregion
        return queryset.filter(Exists(self.offer_queryset().filter(programme=OuterRef("pk"))))

    def filter_nothing(self, queryset, name, value):
        return queryset  # applied by finder.search_programmes (distances)

    def offer_queryset(self):
        """The public offers that match the place filters (subregion, provider type)."""
        offers = public_offers()
        data = getattr(self.form, "cleaned_data", {}) if self.is_bound else {}
        if data.get("subregion"):
            offers = offers.filter(site__postcode__subregion=data["subregion"])
        if data.get("provider_kind"):
            offers = offers.filter(site__organisation__kind=data["provider_kind"])
        return offers

    @property
    def origin(self) -> Postcode | None:
        """The postcode to measure distances from, when a valid one was given."""
        if not self.is_bound:
            return None
        self.form.is_valid()  # validates once; clean_postcode looks the postcode up
        return getattr(self.form, "postcode", None)

    @property
    def radius_km(self) -> int | None:
        if self.origin is None:
            return None
        value = self.form.cleaned_data.get("km")
        return int(value) if value else None
