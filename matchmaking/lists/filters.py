"""Filters of the waiting list and the "recognised but inactive" list (GET parameters)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import Programme, Subregion


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
