"""Filters of the coordinators' inbox list (all in the URL, so a filtered view can be shared)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import Subregion

from .forms import coordinators
from .models import Question


class QuestionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Question.Status.choices, empty_label=_("Alle")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Soort"), choices=Question.Kind.choices, empty_label=_("Alle")
    )
    audience = django_filters.ChoiceFilter(
        label=_("Wie"), choices=Question.Audience.choices, empty_label=_("Iedereen")
    )
    subregion = django_filters.ModelChoiceFilter(
        label=_("Subregio"),
        queryset=lambda request: Subregion.objects.order_by("order", "name"),
        empty_label=_("Alle"),
    )
    assigned_to = django_filters.ModelChoiceFilter(
        label=_("Behandeld door"),
        queryset=lambda request: coordinators(),
        empty_label=_("Iedereen"),
        null_label=_("Nog niemand"),
    )

    class Meta:
        model = Question
        fields = ["q", "status", "kind", "audience", "subregion", "assigned_to"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(reference__icontains=value)
            | Q(name__icontains=value)
            | Q(email__icontains=value)
            | Q(text__icontains=value)
            | Q(info_session__organisation_name__icontains=value)
        )
