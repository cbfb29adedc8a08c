"""Filters of the staff lists: meetings, and open actions across meetings (in the URL)."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import Organisation, Person

from ..models import Action, Body, Meeting

DATE_WIDGET = forms.DateInput(attrs={"type": "date"})


class MeetingFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(
        label=_("Overlegorgaan"),
        queryset=lambda request: Body.objects.order_by("name"),
        empty_label=_("Alle"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Meeting.Status.choices, empty_label=_("Alle")
    )
    starts_from = django_filters.DateFilter(
        label=_("Vanaf"), field_name="starts_at", lookup_expr="date__gte", widget=DATE_WIDGET
    )
    starts_until = django_filters.DateFilter(
        label=_("Tot en met"), field_name="starts_at", lookup_expr="date__lte", widget=DATE_WIDGET
    )

    class Meta:
        model = Meeting
        fields = ["body", "status", "starts_from", "starts_until"]


class ActionFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(
        label=_("Overlegorgaan"),
        field_name="meeting__body",
        queryset=lambda request: Body.objects.order_by("name"),
        empty_label=_("Alle"),
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Persoon"),
        queryset=lambda request: (
            Person.objects.filter(network_actions__isnull=False)
            .distinct()
            .order_by("last_name", "first_name")
        ),
        empty_label=_("Iedereen"),
    )
    owner_organisation = django_filters.ModelChoiceFilter(
        label=_("Organisatie"),
        queryset=lambda request: Organisation.objects.filter(
            pk__in=Action.objects.values("owner_organisation")
        ).order_by("name"),
        empty_label=_("Alle"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Alleen wat over tijd is"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Action
        fields = ["body", "owner", "owner_organisation", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value:
            return queryset.filter(due_on__lt=timezone.localdate())
        return queryset
