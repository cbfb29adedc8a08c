"""Public forms of matchmaking: "Interesse?" on a workplace, and "Word leerwerkplek".

Plain Dutch (B1), a help text that says why we ask, a hidden honeypot field (the inbox's
`PublicFormMixin`): a bot that fills it gets a friendly "thank you" and nothing is stored.
They validate and normalise; the services write.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from steunpunt.core.enterprise_number import (
    normalise_enterprise_number,
    validate_enterprise_number,
)
from steunpunt.core.filters import find_postcode
from steunpunt.core.form_fields import KeyedModelMultipleChoiceField
from steunpunt.core.models import Programme
from steunpunt.inbox.forms import HONEYPOT_FIELD, PublicFormMixin, honeypot_layout
from steunpunt.inbox.models import Question

REQUIRED = {"required": _("Vul dit veld in.")}


def _honeypot_field():
    return forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class InterestForm(PublicFormMixin, forms.Form):
    """A question to the Steunpunt about one workplace (filed in the inbox)."""

    AUDIENCES = (
        Question.Audience.LEARNER,
        Question.Audience.PARENT,
        Question.Audience.SCHOOL,
        Question.Audience.OTHER,
    )

    audience = forms.ChoiceField(
        label=_("Wie ben je?"),
        choices=[(audience.value, audience.label) for audience in AUDIENCES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie je bent.")},
    )
    text = forms.CharField(
        label=_("Je bericht"),
        max_length=5000,
        help_text=_(
            "Vertel kort wie je bent en wat je wilt weten, bijvoorbeeld of je hier kunt starten."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Schrijf kort wat je wilt weten.")},
    )
    name = forms.CharField(
        label=_("Je naam"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Vul je naam in.")},
    )
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        required=False,
        help_text=_("We sturen je een bevestiging met een nummer, en later ons antwoord."),
        error_messages={
            "invalid": _("Dit e-mailadres klopt niet. Bijvoorbeeld: naam@voorbeeld.be")
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Je telefoonnummer"),
        required=False,
        max_length=30,
        help_text=_("Liever gebeld worden? Geef dan je nummer. E-mail of telefoon is genoeg."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    consent = forms.BooleanField(
        label=_(
            "Ik geef het Steunpunt de toestemming om mijn gegevens te gebruiken "
            "om mijn vraag te beantwoorden."
        ),
        help_text=_(
            "Het Steunpunt neemt contact op met de onderneming en je school als dat nodig is. "
            "De onderneming krijgt je gegevens niet zonder je akkoord."
        ),
        error_messages={
            "required": _("Vink dit aan. Zonder je toestemming mogen we je vraag niet behandelen.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = _honeypot_field()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "audience",
            "text",
            Fieldset(_("Hoe kunnen we je bereiken?"), "name", "email", "phone"),
            "consent",
            honeypot_layout(),
        )


class CandidateCompanyForm(PublicFormMixin, forms.Form):
    """ "Word leerwerkplek": a company that wants to train learners (the coordinators' intake)."""

    company_name = forms.CharField(
        label=_("Naam van je onderneming"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": _("Vul de naam van je onderneming in.")},
    )
    enterprise_number = forms.CharField(
        label=_("Ondernemingsnummer"),
        max_length=20,
        required=False,
        help_text=_("10 cijfers, bijvoorbeeld 0123.456.749. Niet bij de hand? Laat dan leeg."),
    )
    site_postcode = forms.CharField(
        label=_("Postcode van de vestiging"),
        max_length=4,
        help_text=_("Waar de lerende zou werken. Zo vinden we scholen in de buurt."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
        error_messages={"required": _("Vul de postcode van de vestiging in.")},
    )
    sector = forms.CharField(
        label=_("Sector of activiteit"),
        max_length=120,
        required=False,
        help_text=_("Bijvoorbeeld: bouw, zorg, horeca, metaal, kapsalon."),
    )
    programmes = KeyedModelMultipleChoiceField(
        label=_("Voor welke opleidingen heb je interesse?"),
        queryset=Programme.objects.none(),
        required=False,
        help_text=_("Kies er één of meer. Weet je het niet? Laat leeg, we helpen je kiezen."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    contact_first_name = forms.CharField(
        label=_("Voornaam"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Vul je voornaam in.")},
    )
    contact_last_name = forms.CharField(
        label=_("Familienaam"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": _("Vul je familienaam in.")},
    )
    contact_function = forms.CharField(
        label=_("Functie"), max_length=120, required=False, help_text=_("Mag je leeg laten.")
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("We sturen je een bevestiging."),
        error_messages={
            "required": _("Vul je e-mailadres in: zo kunnen we je bevestigen en contacteren."),
            "invalid": _("Dit e-mailadres klopt niet. Bijvoorbeeld: naam@voorbeeld.be"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    message = forms.CharField(
        label=_("Wil je nog iets kwijt?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label=_(
            "Ik geef het Steunpunt de toestemming om deze gegevens te bewaren, mij te "
            "contacteren en ze door te geven aan scholen en centra die deze opleidingen aanbieden."
        ),
        error_messages={
            "required": _("Vink dit aan. Zonder je toestemming kunnen we je niet contacteren.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = _honeypot_field()
        self.fields["programmes"].queryset = Programme.objects.filter(active=True).order_by("name")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Je onderneming"),
                "company_name",
                "enterprise_number",
                "site_postcode",
                "sector",
                "programmes",
            ),
            Fieldset(
                _("Contactpersoon"),
                "contact_first_name",
                "contact_last_name",
                "contact_function",
                "email",
                "phone",
            ),
            "message",
            "consent",
            honeypot_layout(),
        )

    def clean_enterprise_number(self):
        value = (self.cleaned_data.get("enterprise_number") or "").strip()
        if not value:
            return ""
        validate_enterprise_number(value)
        return normalise_enterprise_number(value)

    def clean_site_postcode(self):
        code = "".join((self.cleaned_data.get("site_postcode") or "").split())
        if not (len(code) == 4 and code.isdigit()):
            raise forms.ValidationError(_("Een postcode heeft 4 cijfers, bijvoorbeeld 8800."))
        postcode = find_postcode(code)
        if postcode is None:
            raise forms.ValidationError(
                _("Postcode %(code)s kennen we niet. Kijk even na of je hem juist typte."),
                params={"code": code},
            )
        return postcode
