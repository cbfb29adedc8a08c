"""Forms of the checklist and the feedback form (validate and normalise only)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from steunpunt.inbox.forms import HONEYPOT_FIELD, honeypot_layout

from ..models import Feedback


class ChecklistTickForm(forms.Form):
    """One checkbox posted: which item, and whether it is done now."""

    item = forms.UUIDField()
    done = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {item.uuid: item for item in (items or [])}

    def clean_item(self):
        item = self.items.get(self.cleaned_data["item"])
        if item is None:
            raise forms.ValidationError(_("Dit punt staat niet op de checklist."))
        return item


class FeedbackForm(forms.Form):
    author = forms.ChoiceField(
        label=_("Wie ben je?"),
        choices=Feedback.Author.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie je bent.")},
    )
    text = forms.CharField(
        label=_("Je reactie"),
        max_length=2000,
        help_text=_("Wat vond je van de campagne? Wat werkte goed, wat kan beter?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Schrijf hier je reactie."),
            "max_length": _("Hou het korter: maximaal %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )
    signature = forms.CharField(
        label=_("Hoe mogen we je reactie ondertekenen?"),
        required=False,
        max_length=80,
        help_text=_(
            "Bijvoorbeeld: 'Leerling 4de jaar' of 'Leerkracht hout'. Geen naam nodig. "
            "Mag je leeg laten."
        ),
    )
    consent_to_quote = forms.BooleanField(
        label=_("Jullie mogen mijn reactie op de campagnepagina zetten."),
        required=False,
        help_text=_("Zonder je naam. Vink niet aan als je dat liever niet hebt."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Laat dit veld leeg"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "author", "text", "signature", "consent_to_quote", honeypot_layout()
        )

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 3:
            raise forms.ValidationError(_("Schrijf iets meer: je reactie is te kort."))
        return text

    def clean_signature(self):
        return " ".join(self.cleaned_data["signature"].split())
