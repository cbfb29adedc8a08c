"""Forms of the network pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Invitation


class RsvpForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Kom je?"),
        choices=[
            (Invitation.Response.ATTEND, _("Ja, ik kom")),
            (Invitation.Response.DECLINE, _("Nee, ik ben verontschuldigd")),
            (Invitation.Response.SUBSTITUTE, _("Nee, maar ik stuur een vervanger")),
        ],
        widget=forms.RadioSelect,
    )
    substitute_name = forms.CharField(
        label=_("Naam van je vervanger"), max_length=160, required=False
    )
    substitute_email = forms.EmailField(
        label=_("E-mailadres van je vervanger"),
        required=False,
        help_text=_("Dan sturen we je vervanger de uitnodiging door."),
    )
    comment = forms.CharField(
        label=_("Opmerking (niet verplicht)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("response") == Invitation.Response.SUBSTITUTE
            and not data.get("substitute_name", "").strip()
        ):
            self.add_error("substitute_name", _("Vul de naam van je vervanger in."))
        return data


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
