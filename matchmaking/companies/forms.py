"""Forms of the company pages: a workplace for a recognised (site, programme), and its edit.

The create form offers only the recognitions of the user's companies that are valid today, so
a company cannot even choose a pair without a recognition; the service checks it once more
(validity on the start date, with the recognition locked) and its Dutch message is shown.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Recognition, Workplace

FIELDS = ["places", "start_date", "hours_per_week", "description", "is_public"]


class RecognitionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Recognition) -> str:
        site = obj.site
        place = site.name or f"{site.street}, {site.postcode}"
        until = (
            _("erkend tot %(date)s") % {"date": obj.valid_until.strftime("%d/%m/%Y")}
            if obj.valid_until
            else _("erkend zonder einddatum")
        )
        return f"{obj.programme.name} – {site.organisation.name}, {place} ({until})"


class WorkplaceForm(forms.ModelForm):
    class Meta:
        model = Workplace
        fields = FIELDS
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "description": _(
                "Wat doet een lerende hier? Komt in de publieke zoeker als je publiek aanvinkt. "
                "Zet er geen namen of contactgegevens in."
            ),
            "is_public": _(
                "Toon deze werkplek in de publieke zoeker /leerwerkplekken/ (bedrijfsnaam, "
                "gemeente, opleiding, plaatsen en start; nooit namen van mensen)."
            ),
        }
        error_messages = {
            "places": {"required": _("Hoeveel plaatsen zijn er?")},
            "start_date": {
                "required": _("Vanaf wanneer kan een lerende starten?"),
                "invalid": _("Typ een datum, bijvoorbeeld 01/09/2026."),
            },
            "hours_per_week": {"required": _("Hoeveel uren per week werkt een lerende hier?")},
        }

    def clean_places(self):
        places = self.cleaned_data["places"]
        if places < 1:
            raise forms.ValidationError(_("Minstens 1 plaats."))
        return places

    def _post_clean(self):
        # The service validates the model (recognition, constraints); here only the fields.
        pass


class WorkplaceCreateForm(WorkplaceForm):
    recognition = RecognitionChoiceField(
        label=_("Erkende vestigingsplaats en opleiding"),
        queryset=Recognition.objects.none(),
        empty_label=_("Kies een erkenning"),
        help_text=_("Je ziet alleen erkenningen die vandaag geldig zijn."),
        error_messages={
            "required": _("Kies voor welke erkende vestigingsplaats en opleiding dit is."),
            "invalid_choice": _(
                "Voor deze vestigingsplaats en opleiding is er geen geldige erkenning. "
                "Kies een erkenning uit de lijst."
            ),
        },
    )

    class Meta(WorkplaceForm.Meta):
        fields = ["recognition", *FIELDS]

    def __init__(self, *args, recognitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recognition"].queryset = recognitions
