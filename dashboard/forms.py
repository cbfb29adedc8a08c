"""Forms of the dashboard: the overview's filters (kept in the URL), a new measurement moment and
the upload of a file of figures. They validate and normalise; the services write."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import MeasurementMoment

MAX_IMPORT_BYTES = 5 * 1024 * 1024
IMPORT_EXTENSIONS = (".csv", ".xlsx")


class OverviewForm(forms.Form):
    """GET filters of /dashboard/. Moments are named by their date (?moment=2025-04-20), so a
    filtered URL stays a readable permalink."""

    moment = forms.ChoiceField(label=_("Meetmoment"), required=False)
    compare = forms.ChoiceField(label=_("Vergelijken met"), required=False)
    subregion = forms.ChoiceField(label=_("Subregio"), required=False)
    provider_type = forms.ChoiceField(label=_("Soort opleidingsverstrekker"), required=False)
    study_domain = forms.ChoiceField(label=_("Studiedomein"), required=False)
    figure = forms.ChoiceField(label=_("Cijfer in de grafieken en tabellen"), required=False)

    def __init__(self, *args, moments, choices, figure_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        dated = [(m.date.isoformat(), f"{m.name} ({date_format(m.date)})") for m in moments]
        self.fields["moment"].choices = [("", _("Het laatste meetmoment"))] + dated
        self.fields["compare"].choices = [("", _("Niet vergelijken"))] + dated
        self.fields["subregion"].choices = [("", _("Heel West-Vlaanderen"))] + choices["subregion"]
        self.fields["provider_type"].choices = [("", _("Alle soorten"))] + choices["provider_type"]
        self.fields["study_domain"].choices = [("", _("Alle studiedomeinen"))] + choices[
            "study_domain"
        ]
        self.fields["figure"].choices = [("", _("Het standaardcijfer"))] + list(figure_choices)

    def clean(self):
        data = super().clean()
        if data.get("moment") and data.get("moment") == data.get("compare"):
            self.add_error("compare", _("Kies een ander meetmoment om mee te vergelijken."))
        return data

    def value(self, name: str) -> str:
        """The cleaned value, or "" when the field was empty or invalid (the page then falls back
        to the default and shows the error next to the field)."""
        if not self.is_valid() and name in self.errors:
            return ""
        return self.cleaned_data.get(name) or ""


class MomentForm(forms.ModelForm):
    class Meta:
        model = MeasurementMoment
        fields = ["name", "date"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"date": _("De dag waarop de cijfers bevroren worden.")}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Geef het meetmoment een naam."))
        return name

    def clean_date(self):
        day = self.cleaned_data["date"]
        existing = MeasurementMoment.objects.filter(date=day).first()
        if existing is not None:
            raise forms.ValidationError(
                _("Er is al een meetmoment op %(date)s: “%(name)s”. Kies een andere datum.")
                % {"date": date_format(day), "name": existing.name}
            )
        return day

    def validate_unique(self):
        # clean_date already says it in Dutch, with the moment that holds the date.
        pass


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of XLSX)"),
        help_text=_("Hoogstens 5 MB. De eerste rij noemt de kolommen."),
    )
    source = forms.CharField(
        label=_("Bron"),
        max_length=200,
        help_text=_(
            "Waar komen de cijfers vandaan? Bijvoorbeeld: Departement Onderwijs, dataloep."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(IMPORT_EXTENSIONS):
            raise forms.ValidationError(
                _("Kies een CSV- of XLSX-bestand; “%(name)s” is geen van beide.")
                % {"name": upload.name}
            )
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB."))
        return upload

    def clean_source(self):
        source = self.cleaned_data["source"].strip()
        if not source:
            raise forms.ValidationError(_("Vul de bron in."))
        return source
