"""Forms of the candidate-company pages (coordinators)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from steunpunt.core.form_fields import KeyedModelMultipleChoiceField
from steunpunt.core.models import Organisation, Subregion

from ..models import CandidateCompany


class CandidateFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle"))] + list(CandidateCompany.Status.choices),
    )
    subregion = forms.ModelChoiceField(
        label=_("Subregio"), required=False, queryset=Subregion.objects.order_by("order", "name"),
        empty_label=_("Alle"),
    )  # fmt: skip


class HandOverForm(forms.Form):
    providers = KeyedModelMultipleChoiceField(
        label=_("Aan welke scholen en centra geef je deze kandidaat door?"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één opleidingsverstrekker.")},
    )
    note = forms.CharField(
        label=_("Toelichting voor de scholen (niet verplicht)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, nearby, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [p.organisation.pk for p in nearby]
        self.fields["providers"].queryset = Organisation.objects.filter(pk__in=ids)
        labels = {
            p.organisation.pk: f"{p.organisation.name} – {p.km:.0f} km ({', '.join(p.programmes)})"
            for p in nearby
        }
        self.fields["providers"].label_from_instance = lambda o: labels.get(o.pk, o.name)
        if not self.is_bound:
            self.initial["providers"] = ids


class CandidateMoveForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("mark_contacted", _("Gecontacteerd")),
            ("request_recognition", _("Erkenning aangevraagd")),
            ("mark_recognised", _("Erkend")),
            ("not_pursue", _("Niet verder opvolgen")),
        ],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("Waarom niet verder?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
