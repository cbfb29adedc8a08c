"""Forms of the inbox. They validate and normalise; the services write.

Public forms are in plain Dutch (B1): short labels, a help text that says why we ask.
They carry a honeypot field (`website`) that people never see; a bot that fills it in
gets a friendly "thank you" and nothing is stored.
"""

import hashlib

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from steunpunt.accounts.roles import Role
from steunpunt.core.models import Organisation, Postcode, Subregion

from .models import InfoSessionDetails, Question

HONEYPOT_FIELD = "website"

REQUIRED = {"required": _("Vul dit veld in.")}


def coordinators():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.COORDINATOR.group_name)
        .order_by("first_name", "last_name", "email")
    )


class PublicFormMixin:
    """Honeypot, postcode → Postcode, and "e-mail or phone" for both public forms."""

    def add_public_fields(self):
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Laat dit veld leeg"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        self.fields["subregion"].queryset = Subregion.objects.order_by("order", "name")

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))

    def clean_postcode(self):
        code = (self.cleaned_data.get("postcode") or "").strip()
        if not code:
            return None
        if not (len(code) == 4 and code.isdigit()):
            raise forms.ValidationError(_("Een postcode heeft 4 cijfers, bijvoorbeeld 8500."))
        postcode = (
            Postcode.objects.select_related("subregion")
            .filter(code=code)
            .order_by("-is_main_locality", "locality")
            .first()
        )
        if postcode is None:
            raise forms.ValidationError(
                _("Deze postcode kennen we niet. Kijk na of je hem goed typte.")
            )
        return postcode

    def clean_phone(self):
        phone = " ".join((self.cleaned_data.get("phone") or "").split())
        digits = [c for c in phone if c.isdigit()]
        if phone and (len(digits) < 9 or any(c not in "0123456789 +/.-()" for c in phone)):
            raise forms.ValidationError(
                _("Dit telefoonnummer klopt niet. Typ het zo: 0470 12 34 56 of 050 40 31 11.")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and not self.has_error("email"):
            if not self.has_error("phone"):
                self.add_error(
                    "email",
                    _(
                        "Vul je e-mailadres of je telefoonnummer in. "
                        "Anders kunnen we je niet antwoorden."
                    ),
                )
        return cleaned


def _contact_fields():
    return {
        "name": forms.CharField(
            label=_("Je naam"),
            required=False,
            max_length=120,
            help_text=_("Mag je leeg laten."),
            widget=forms.TextInput(attrs={"autocomplete": "name"}),
        ),
        "email": forms.EmailField(
            label=_("Je e-mailadres"),
            required=False,
            error_messages={
                "invalid": _("Dit e-mailadres klopt niet. Bijvoorbeeld: naam@voorbeeld.be")
            },
            help_text=_("We sturen je een bevestiging met een nummer, en later ons antwoord."),
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        ),
        "phone": forms.CharField(
            label=_("Je telefoonnummer"),
            required=False,
            max_length=30,
            help_text=_("Liever gebeld worden? Geef dan je nummer. E-mail of telefoon is genoeg."),
            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        ),
        "postcode": forms.CharField(
            label=_("Je postcode"),
            required=False,
            max_length=4,
            help_text=_("Dan weten we in welke regio we moeten zoeken. Mag je leeg laten."),
            widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
        ),
        "subregion": forms.ModelChoiceField(
            label=_("Of kies je regio"),
            queryset=Subregion.objects.none(),
            required=False,
            empty_label=_("Weet ik niet / maakt niet uit"),
            help_text=_("Alleen nodig als je geen postcode invult."),
        ),
        "consent": forms.BooleanField(
            label=_(
                "Ik geef het Steunpunt de toestemming om mijn gegevens te gebruiken "
                "om mijn vraag te beantwoorden."
            ),
            help_text=_(
                "We geven je gegevens alleen door aan een partner als dat nodig is om je te "
                "helpen. Na 2 jaar wissen we ze."
            ),
            error_messages={
                "required": _(
                    "Vink dit aan. Zonder je toestemming mogen we je vraag niet behandelen."
                )
            },
        ),
    }


class QuestionForm(PublicFormMixin, forms.Form):
    audience = forms.ChoiceField(
        label=_("Wie ben je?"),
        choices=Question.Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie je bent.")},
    )
    text = forms.CharField(
        label=_("Je vraag"),
        max_length=5000,
        help_text=_("Schrijf je vraag zo duidelijk mogelijk. Je mag het kort houden."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Schrijf hier je vraag.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_contact_fields())
        self.add_public_fields()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "audience",
            "text",
            Fieldset(
                _("Hoe kunnen we je bereiken?"),
                "name",
                "email",
                "phone",
            ),
            Fieldset(_("Waar woon of werk je?"), "postcode", "subregion"),
            "consent",
            honeypot_layout(),
        )


class InfoSessionForm(PublicFormMixin, forms.Form):
    audience = forms.ChoiceField(
        label=_("Wie vraagt de infosessie aan?"),
        choices=[
            (Question.Audience.SCHOOL, Question.Audience.SCHOOL.label),
            (Question.Audience.COMPANY, Question.Audience.COMPANY.label),
            (Question.Audience.ORGANISATION, Question.Audience.ORGANISATION.label),
            (Question.Audience.OTHER, Question.Audience.OTHER.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie de infosessie aanvraagt.")},
    )
    organisation_name = forms.CharField(
        label=_("Naam van je school, onderneming of organisatie"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages=REQUIRED,
    )
    session_audience = forms.ChoiceField(
        label=_("Voor wie is de infosessie?"),
        choices=InfoSessionDetails.SessionAudience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies voor wie de infosessie is.")},
    )
    participants = forms.IntegerField(
        label=_("Met hoeveel mensen ongeveer?"),
        min_value=1,
        max_value=1000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Vul in met hoeveel mensen je ongeveer bent."),
            "invalid": _("Typ een getal, bijvoorbeeld 25."),
            "min_value": _("Typ een getal van 1 of meer."),
            "max_value": _("Zoveel mensen? Typ een getal tot 1000, of vertel meer bij je vraag."),
        },
    )
    preferred_dates = forms.CharField(
        label=_("Wanneer past het?"),
        required=False,
        max_length=1000,
        help_text=_(
            "Bijvoorbeeld: een dinsdagnamiddag in maart, of de oudercontactavond van 12/02."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    place = forms.CharField(
        label=_("Waar?"),
        required=False,
        max_length=200,
        help_text=_(
            "Het adres of de gemeente. Leeg laten als het bij jullie op school of in het "
            "bedrijf is en je postcode hieronder invult."
        ),
    )
    text = forms.CharField(
        label=_("Wat wil je vooral weten?"),
        required=False,
        max_length=5000,
        help_text=_(
            "Mag je leeg laten. Vertel gerust wat de groep al weet, of waar ze mee zitten."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contact = _contact_fields()
        contact["name"].required = True
        contact["name"].help_text = _("Wie mogen we contacteren over de infosessie?")
        contact["name"].label = _("Naam van de contactpersoon")
        contact["name"].error_messages = {"required": _("Vul de naam van de contactpersoon in.")}
        contact["email"].help_text = _("We sturen een bevestiging met een nummer.")
        self.fields.update(contact)
        self.add_public_fields()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "audience",
            "organisation_name",
            Fieldset(
                _("Over de infosessie"),
                "session_audience",
                "participants",
                "preferred_dates",
                "place",
                "text",
            ),
            Fieldset(_("Hoe kunnen we je bereiken?"), "name", "email", "phone"),
            Fieldset(_("Waar is je school of organisatie?"), "postcode", "subregion"),
            "consent",
            honeypot_layout(),
        )


def honeypot_layout():
    """Hidden from people (visually and for screen readers), visible to naive bots."""
    return Div(
        HTML('<p>{% load i18n %}{% translate "Dit veld is voor computers. Laat het leeg." %}</p>'),
        Field(HONEYPOT_FIELD),
        css_class="visually-hidden",
        aria_hidden="true",
    )


# --- Coordinators' forms ---------------------------------------------------------------------


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Toewijzen aan"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Niemand"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = coordinators()


class ReferForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Partnerorganisatie"),
        queryset=Organisation.objects.none(),
        error_messages={"required": _("Kies de partner naar wie je doorverwijst.")},
    )
    reason = forms.CharField(
        label=_("Waarom deze partner?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Schrijf kort waarom je doorverwijst.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.PARTNER, active=True
        ).order_by("name")


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Nieuwe interne notitie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Alleen coördinatoren zien dit."),
        error_messages={"required": _("Schrijf eerst je notitie.")},
    )


class InfoSessionHeldForm(forms.Form):
    held_on = forms.DateField(
        label=_("Gehouden op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Laat leeg als de infosessie toch niet doorging."),
        error_messages={"invalid": _("Geef een geldige datum, bijvoorbeeld 20/04/2026.")},
    )


class AnswerForm(forms.Form):
    """The coordinator's answer, greeting and signature included (pre-filled, editable).

    It is sent only after a preview of exactly this text: `previewed` carries the digest of
    the text the preview showed, and a text changed since then is shown again, not sent."""

    body = forms.CharField(
        label=_("Je antwoord"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=20000,
        help_text=_(
            "Met aanspreking en groet: de e-mail voegt er geen toe. Markdown mag: **vet**, "
            "lijstjes met -, links als [tekst](https://...)."
        ),
        error_messages={"required": _("Schrijf eerst je antwoord.")},
    )
    previewed = forms.CharField(required=False, widget=forms.HiddenInput)

    @staticmethod
    def digest(body: str) -> str:
        return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()

    def was_previewed(self) -> bool:
        """The text to send is the text the coordinator saw in the preview."""
        return self.cleaned_data.get("previewed") == self.digest(self.cleaned_data["body"])

    @classmethod
    def for_preview(cls, body: str) -> "AnswerForm":
        """The form shown under the preview: the same text, stamped as previewed."""
        form = cls(data={"body": body, "previewed": cls.digest(body)})
        form.is_valid()
        return form
