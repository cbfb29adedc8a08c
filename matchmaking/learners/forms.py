"""Forms of the learner pages: the learner file (with up to three wishes in order) and the small
forms of the status changes. They validate and normalise; the services write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import Organisation, Postcode, Programme, Site

from ..models import Learner

MAX_WISHES = 3
WISH_FIELDS = tuple(f"programme_{rank}" for rank in range(1, MAX_WISHES + 1))
WISH_LABELS = (_("Eerste keuze"), _("Tweede keuze"), _("Derde keuze"))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PostcodeField(forms.CharField):
    """A Belgian postcode typed as four digits, resolved to the Postcode row."""

    def __init__(self, **kwargs):
        super().__init__(max_length=4, min_length=4, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        postcode = (
            Postcode.objects.filter(code=value).select_related("subregion").order_by("pk").first()
        )
        if postcode is None:
            raise ValidationError(_("Deze postcode kennen we niet. Vul een Belgische postcode in."))
        return postcode


class LearnerForm(forms.ModelForm):
    """The learner file. `providers` are the organisations the user may register learners for:
    a school contact only their own, a coordinator every provider."""

    postcode = PostcodeField(
        label=_("Postcode"),
        help_text=_("Van de woonplaats: daaruit volgen de afstand tot een werkplek en de regio."),
    )

    class Meta:
        model = Learner
        fields = [
            "first_name",
            "last_name",
            "birth_date",
            "email",
            "phone",
            "street",
            "postcode",
            "parent_name",
            "parent_email",
            "parent_phone",
            "provider",
            "provider_site",
            "programme_started_on",
            "wished_start_date",
            "max_distance_km",
            "transport_own",
            "transport_bike",
            "transport_public",
            "early_school_leaver",
            "adult",
            "no_qualification",
            "buso",
            "okan",
            "aanloopfase",
            "consent_given_on",
            "consent_given_by",
            "notes",
        ]
        widgets = {
            "birth_date": DateInput(),
            "programme_started_on": DateInput(),
            "wished_start_date": DateInput(),
            "consent_given_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers.order_by("name")
        self.fields["provider"].empty_label = None if providers.count() == 1 else "---------"
        self.fields["provider_site"].queryset = (
            Site.objects.filter(organisation__in=providers)
            .select_related("organisation", "postcode")
            .order_by("organisation__name", "postcode__code")
        )
        if self.instance.pk:
            self.initial["postcode"] = self.instance.postcode.code
        programme_choices = Programme.objects.order_by("name")
        wishes = list(self.instance.wishes.all()) if self.instance.pk else []
        for index, (name, label) in enumerate(zip(WISH_FIELDS, WISH_LABELS, strict=True)):
            self.fields[name] = forms.ModelChoiceField(
                label=label,
                queryset=programme_choices,
                required=index == 0,
                empty_label=_("Geen") if index else None,
            )
            if index < len(wishes):
                self.initial[name] = wishes[index].programme_id
        self.fields["programme_1"].empty_label = "---------"
        self.fields["programme_1"].help_text = _(
            "De opleiding die de jongere het liefst volgt. De tweede en derde keuze zijn "
            "niet verplicht."
        )

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(name) for name in WISH_FIELDS]
        seen = set()
        for name, programme in zip(WISH_FIELDS, chosen, strict=True):
            if programme is None:
                continue
            if programme.pk in seen:
                self.add_error(name, _("Deze opleiding staat al bij een vorige keuze."))
            seen.add(programme.pk)
        if chosen[1] is None and chosen[2] is not None:
            self.add_error("programme_3", _("Vul eerst de tweede keuze in."))
        return cleaned

    def wished_programmes(self) -> list[Programme]:
        return [p for p in (self.cleaned_data.get(n) for n in WISH_FIELDS) if p is not None]

    def learner_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ScreenForm(forms.Form):
    readiness = forms.ChoiceField(
        label=_("Resultaat van de screening"),
        choices=[c for c in Learner.Readiness.choices if c[0] != Learner.Readiness.NOT_SCREENED],
    )
    on = forms.DateField(
        label=_("Gescreend op"),
        required=False,
        widget=DateInput(),
        help_text=_("Leeg: vandaag."),
    )

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on and on > timezone.localdate():
            raise ValidationError(_("Een screening ligt niet in de toekomst."))
        return on

    def params(self) -> dict:
        return {"readiness": self.cleaned_data["readiness"], "on": self.cleaned_data["on"]}


class StartSearchForm(forms.Form):
    def params(self) -> dict:
        return {}


class EndForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van beëindiging"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )

    def params(self) -> dict:
        return {"reason": self.cleaned_data["reason"]}


class ReferForm(forms.Form):
    to = forms.ModelChoiceField(
        label=_("Partnerorganisatie"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PARTNER).order_by("name"),
        required=False,
        empty_label=_("Geen"),
    )
    pathway = forms.ChoiceField(
        label=_("Traject"),
        choices=Learner.Pathway.choices,
        required=False,
    )
    reason = forms.CharField(
        label=_("Reden van doorverwijzing"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("to") and not cleaned.get("pathway"):
            raise ValidationError(_("Kies een partnerorganisatie of een traject."))
        return cleaned

    def params(self) -> dict:
        return {
            "to": self.cleaned_data["to"],
            "pathway": self.cleaned_data["pathway"],
            "reason": self.cleaned_data["reason"],
        }


# The status changes offered on the learner page: action name → form.
MOVE_FORMS = {
    "screen": ScreenForm,
    "start_search": StartSearchForm,
    "end": EndForm,
    "refer": ReferForm,
}


class AnonymiseForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom worden de gegevens gewist?"),
        help_text=_("Bijvoorbeeld: verzoek van de jongere of de ouders. Komt in het dossier."),
        max_length=500,
    )
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat de persoonsgegevens definitief gewist worden."),
        error_messages={"required": _("Vink aan dat je de gegevens definitief wilt wissen.")},
    )
