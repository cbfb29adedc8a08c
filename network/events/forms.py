"""The registration form of a public event."""

from django import forms
from django.utils.translation import gettext_lazy as _


class EventRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=160)
    organisation = forms.CharField(
        label=_("Organisatie (niet verplicht)"), max_length=200, required=False
    )
    email = forms.EmailField(
        label=_("E-mailadres"), help_text=_("Hierop krijg je de bevestiging en de annuleerlink.")
    )
    dietary_needs = forms.CharField(
        label=_("Voedingswensen (niet verplicht)"), max_length=300, required=False
    )
    accessibility_needs = forms.CharField(
        label=_("Wat heb je nodig om goed te kunnen deelnemen? (niet verplicht)"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld een rolstoeltoegankelijke zaal of een tolk."),
    )
    consent = forms.BooleanField(
        label=_(
            "Ik geef toestemming om mijn gegevens te bewaren voor deze activiteit. We wissen ze "
            "enkele maanden na de activiteit."
        ),
        error_messages={"required": _("Zonder toestemming kunnen we je niet inschrijven.")},
    )
