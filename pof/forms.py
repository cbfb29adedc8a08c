"""Forms of the POF pages: validate and normalise only (the services write)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from steunpunt.core.form_fields import KeyedModelMultipleChoiceField, SearchField, clean_search_text
from steunpunt.core.models import Organisation, Programme
from steunpunt.core.params import parse_pks

from .models import ProgrammatieRequest, parse_school_year

PARTNER_MATCHES = 30


class SiteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, site):
        return f"{site.organisation.name} – {site}"


class RequestForm(forms.Form):
    """A draft request. Partner companies: the ones chosen plus those matching the search
    (a "Zoek" button re-renders the form with the matches, without saving)."""

    site = SiteChoiceField(label=_("Vestigingsplaats"), queryset=None)
    programme = forms.ModelChoiceField(
        label=_("Opleiding"), queryset=Programme.objects.filter(active=True).order_by("name")
    )
    school_year = forms.CharField(
        label=_("Schooljaar"),
        max_length=9,
        help_text=_("Het schooljaar van de start, bv. 2027-2028."),
    )
    expected_learners = forms.IntegerField(
        label=_("Verwacht aantal lerenden"), min_value=1, max_value=999
    )
    partner_search = SearchField(
        label=_("Zoek een partneronderneming"),
        help_text=_("Typ (een deel van) de naam en kies “Zoek”."),
    )
    partner_companies = KeyedModelMultipleChoiceField(
        label=_("Partnerondernemingen"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rationale = forms.CharField(
        label=_("Waarom deze opleiding hier"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("De vraag op de regionale arbeidsmarkt en hoe je die kent."),
    )

    def __init__(self, *args, sites, chosen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        search = clean_search_text(
            self.data.get("partner_search") or self.initial.get("partner_search") or ""
        )
        chosen_ids = [
            pk for pk in (self.data.getlist("partner_companies") if self.data else chosen)
        ]
        companies = Organisation.objects.filter(kind=Organisation.Kind.COMPANY)
        matches = Q(pk__in=parse_pks(str(pk) for pk in chosen_ids))
        if search.strip():
            matched = companies.filter(name__icontains=search.strip()).order_by("name")
            matches |= Q(pk__in=list(matched.values_list("pk", flat=True)[:PARTNER_MATCHES]))
        self.fields["partner_companies"].queryset = companies.filter(matches).order_by("name")

    def clean_school_year(self):
        value = self.cleaned_data["school_year"].strip().replace(" ", "").replace("/", "-")
        parse_school_year(value)
        return value

    def request_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "site": data["site"],
            "programme": data["programme"],
            "school_year": data["school_year"],
            "expected_learners": data["expected_learners"],
            "partner_companies": list(data["partner_companies"]),
            "rationale": data["rationale"].strip(),
        }


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Titel van de bijlage"), max_length=200, required=False)
    file = forms.FileField(label=_("Bestand"))


class AdviceForm(forms.Form):
    advice = forms.ChoiceField(
        label=_("Advies"), choices=ProgrammatieRequest.Advice.choices, widget=forms.RadioSelect
    )
    motivation = forms.CharField(
        label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
