"""Forms of the matching runs: start a run, the weights, a proposal's next step, an exclusion."""

from django import forms
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import Organisation, Subregion

from ..models import Agreement, MatchingWeights
from ..models.runs import WEIGHT_FIELDS, WEIGHT_MAX


class RunStartForm(forms.Form):
    subregion = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Subregion.objects.order_by("order", "name"),
        required=False,
        empty_label=_("De hele provincie"),
        help_text=_(
            "Jongeren die in deze subregio wonen; werkplekken binnen hun bereik tellen mee, "
            "ook over de grens van de subregio."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Voorbeeld"),
        required=False,
        initial=True,
        help_text=_(
            "Een voorbeeld toont de voorstellen zonder dat je ze kan aanvaarden. Daarna kan je "
            "de matching echt uitvoeren."
        ),
    )


class WeightsForm(forms.ModelForm):
    class Meta:
        model = MatchingWeights
        fields = list(WEIGHT_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.update({"min": 0, "max": WEIGHT_MAX, "step": "any"})
            field.error_messages.update(
                {
                    "min_value": _("Een gewicht is minstens 0."),
                    "max_value": _("Een gewicht is hoogstens %(limit_value)s."),
                    "required": _("Vul een gewicht in (0 telt niet mee)."),
                    "invalid": _("Vul een getal in, bijvoorbeeld 2 of 1,5."),
                }
            )

    def clean(self):
        data = super().clean()
        if all(data.get(name) == 0 for name in WEIGHT_FIELDS):
            raise forms.ValidationError(
                _("Minstens één gewicht is groter dan 0, anders is elke combinatie even goed.")
            )
        return data


class IntroductionForm(forms.Form):
    on = forms.DateField(
        label=_("Datum van de kennismaking"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Notitie"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Notitie"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SignForm(forms.Form):
    agreement_type = forms.ChoiceField(label=_("Soort overeenkomst"), choices=Agreement.Type)
    start_date = forms.DateField(
        label=_("Begindatum"), widget=forms.DateInput(attrs={"type": "date"})
    )
    hours_per_week = forms.IntegerField(
        label=_("Uren per week"),
        min_value=1,
        max_value=40,
        help_text=_("Een OAO is vanaf 20 uur per week, een SAO minder dan 20 uur."),
    )
    note = forms.CharField(
        label=_("Notitie"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}))


class DeclineForm(ReasonForm):
    exclude_company = forms.BooleanField(
        label=_("Niet meer bij dit bedrijf voorstellen"),
        required=False,
        help_text=_("De matching stelt dit bedrijf niet meer voor aan deze jongere."),
    )


# action -> (form class, label of the button)
STEP_FORMS = {
    "plan_introduction": (IntroductionForm, _("Kennismaking plannen")),
    "start_trial": (NoteForm, _("Proefperiode starten")),
    "sign": (SignForm, _("Overeenkomst ondertekend")),
    "start_running": (NoteForm, _("Overeenkomst loopt")),
    "end": (ReasonForm, _("Beëindigen")),
    "decline": (DeclineForm, _("Afgesprongen")),
}


class ExclusionForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("Onderneming"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.COMPANY),
    )
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Waarom deze jongere niet meer bij dit bedrijf terecht kan."),
    )


# The steps a coordinator can take from each status of a proposal, in the page's order.
NEXT_STEPS = {
    "proposed": ("plan_introduction", "decline"),
    "introduction": ("start_trial", "sign", "plan_introduction", "decline"),
    "trial": ("sign", "decline"),
    "agreement": ("start_running", "end"),
    "running": ("end",),
}
