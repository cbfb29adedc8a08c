"""Forms of the class quiz: they validate and normalise; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, QuizPlayer
from .services import validate_nickname


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code van de quiz"),
        max_length=JOIN_CODE_LENGTH + 4,
        help_text=_("De code van 5 tekens op het scherm van je leerkracht."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).upper()
        if len(code) != JOIN_CODE_LENGTH or any(c not in JOIN_CODE_ALPHABET for c in code):
            raise ValidationError(_("Een code heeft 5 letters en cijfers, bijvoorbeeld KM4TQ."))
        return code


class JoinForm(forms.Form):
    nickname = forms.CharField(
        label=_("Je bijnaam"),
        min_length=QuizPlayer.NICKNAME_MIN,
        max_length=QuizPlayer.NICKNAME_MAX,
        help_text=_("2 tot 20 tekens. Gebruik geen volledige naam: een bijnaam is genoeg."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Vul een bijnaam in."),
            "min_length": _("Kies een bijnaam van 2 tot 20 tekens."),
            "max_length": _("Kies een bijnaam van 2 tot 20 tekens."),
        },
    )

    def clean_nickname(self):
        return validate_nickname(self.cleaned_data["nickname"])
