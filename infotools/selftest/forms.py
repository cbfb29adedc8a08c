"""Forms of the self-test: the questions (built from .scoring) and the teacher's PDF.

Forms validate and normalise only. The answers never reach the database: they travel in the
URL of the result page and, for the PDF, in a signed hidden field.
"""

from __future__ import annotations

from django import forms
from django.core import signing
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import Postcode

from . import scoring

# The salt of the signed answers in the PDF form: unchanged since the self-test lived in
# campaigns, so a form opened before an upgrade still signs and checks the same way.
PAYLOAD_SALT = "campaigns.selftest.pdf"
MESSAGE_MAX_LENGTH = 600


def find_postcode(code: str) -> Postcode | None:
    """The postcode with coordinates for a 4-digit code (its main locality first)."""
    return (
        Postcode.objects.filter(code=code, latitude__isnull=False, longitude__isnull=False)
        .order_by("-is_main_locality", "locality")
        .first()
    )


class SelfTestForm(forms.Form):
    """The twelve questions. Field names are the question keys (and the URL parameters)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.origin: Postcode | None = None
        for question in scoring.QUESTIONS:
            if question.multiple:
                field = forms.MultipleChoiceField(
                    label=question.text,
                    choices=question.options,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=question.help_text,
                    error_messages={
                        "required": _("Kies minstens één antwoord."),
                        "invalid_choice": _("Kies een van de antwoorden uit de lijst."),
                    },
                )
            else:
                field = forms.ChoiceField(
                    label=question.text,
                    choices=question.options,
                    widget=forms.RadioSelect,
                    help_text=question.help_text,
                    error_messages={
                        "required": _("Kies een antwoord."),
                        "invalid_choice": _("Kies een van de antwoorden uit de lijst."),
                    },
                )
            field.section = question.section
            self.fields[question.key] = field
        self.fields[scoring.POSTCODE_KEY] = forms.CharField(
            label=_("12. Wat is je postcode? (mag je leeg laten)"),
            help_text=_("Dan tonen we opleidingen dicht bij huis. We bewaren je postcode niet."),
            required=False,
            max_length=10,
            widget=forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 6}
            ),
        )
        self.fields[scoring.POSTCODE_KEY].section = scoring.SECTION_PRACTICAL
        self.fields[scoring.DISTANCE_KEY] = forms.ChoiceField(
            label=_("Hoe ver wil je reizen naar school?"),
            choices=scoring.DISTANCE_OPTIONS,
            initial=scoring.DEFAULT_DISTANCE,
            required=False,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": _("Kies een van de afstanden uit de lijst.")},
        )
        self.fields[scoring.DISTANCE_KEY].section = scoring.SECTION_PRACTICAL

    def sections(self):
        """(key, title, bound fields) per part of the test, in order, for the template."""
        for key, title in scoring.SECTIONS:
            yield key, title, [self[name] for name, f in self.fields.items() if f.section == key]

    def clean_postcode(self):
        code = "".join(self.cleaned_data.get(scoring.POSTCODE_KEY, "").split())
        if not code:
            return ""
        if not (len(code) == 4 and code.isdigit()):
            raise forms.ValidationError(
                _("Typ een postcode van 4 cijfers, bijvoorbeeld 8500."), code="invalid"
            )
        self.origin = find_postcode(code)
        if self.origin is None:
            raise forms.ValidationError(
                _("Postcode %(code)s kennen we niet. Kijk even na of je hem juist typte."),
                code="unknown",
                params={"code": code},
            )
        return code

    def clean_km(self):
        return self.cleaned_data.get(scoring.DISTANCE_KEY) or scoring.DEFAULT_DISTANCE

    @property
    def answers(self) -> dict:
        """The cleaned answers as plain data (lists and strings), ready for URL or signing."""
        data = self.cleaned_data
        answers = {question.key: data[question.key] for question in scoring.QUESTIONS}
        answers[scoring.POSTCODE_KEY] = data.get(scoring.POSTCODE_KEY, "")
        answers[scoring.DISTANCE_KEY] = data.get(scoring.DISTANCE_KEY)
        return answers

    @property
    def radius_km(self) -> int:
        return int(self.cleaned_data.get(scoring.DISTANCE_KEY) or scoring.DEFAULT_DISTANCE)


def answers_to_querydict(answers: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in answers.items():
        if isinstance(value, list | tuple):
            query.setlist(key, list(value))
        elif value:
            query[key] = value
    return query


def sign_answers(answers: dict) -> str:
    return signing.dumps(
        {key: list(v) if isinstance(v, tuple) else v for key, v in answers.items()},
        salt=PAYLOAD_SALT,
        compress=True,
    )


class SelfTestPdfForm(forms.Form):
    """The teacher's PDF: an optional personal message and the signed answers."""

    message = forms.CharField(
        label=_("Persoonlijke boodschap (mag je leeg laten)"),
        help_text=_("Hoogstens 600 tekens. De tekst komt alleen in de PDF. We bewaren hem niet."),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _(
                "Je boodschap is te lang: hoogstens %(limit_value)d tekens, nu zijn het er "
                "%(show_value)d."
            )
        },
    )
    payload = forms.CharField(widget=forms.HiddenInput)

    tampered = False

    def clean_message(self):
        message = self.cleaned_data.get("message", "")
        # Keep line breaks, drop other control characters (they have no place in a PDF).
        message = "".join(ch for ch in message if ch in "\n\t" or ch.isprintable())
        return message.replace("\r", "").strip()

    def clean_payload(self):
        token = self.cleaned_data.get("payload", "")
        try:
            data = signing.loads(token, salt=PAYLOAD_SALT)
        except signing.BadSignature:
            data = None
        if not isinstance(data, dict):
            self.tampered = True
            raise forms.ValidationError(
                _("De antwoorden van de zelftest zijn niet geldig. Doe de test opnieuw."),
                code="tampered",
            )
        answers_form = SelfTestForm(answers_to_querydict(data))
        if not answers_form.is_valid():
            # Signed by us, but no longer valid (e.g. a postcode that was removed since).
            self.tampered = True
            raise forms.ValidationError(
                _("De antwoorden van de zelftest zijn niet geldig. Doe de test opnieuw."),
                code="invalid",
            )
        self.answers_form = answers_form
        return token
