"""Forms of the parent folder page: the logo, and the contact person with a personal word.

Two forms, each with its own button: a refused logo never costs the text a school typed.
The logo's type is decided by its content (Pillow), never by its name or the browser's
content type. PNG and JPEG only: an SVG can carry scripts and links to other files.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from steunpunt.core.models import Person

from ..models.folders import PERSONAL_WORD_MAX_LENGTH

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 25_000_000  # 5000 × 5000: far beyond any logo, far below a decompression bomb
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg"}


def inspect_logo(upload) -> str:
    """The file extension for an acceptable logo; a Dutch ValidationError otherwise."""
    if upload.size > LOGO_MAX_BYTES:
        raise forms.ValidationError(
            _("Het logo is %(size)s groot. Het mag hoogstens %(max)s zijn."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(LOGO_MAX_BYTES)},
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            if image_format in LOGO_FORMATS and width * height <= LOGO_MAX_PIXELS:
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise forms.ValidationError(
            _("Dit bestand is geen PNG- of JPEG-afbeelding (of het is beschadigd)."),
            code="not_an_image",
        ) from None
    finally:
        upload.seek(0)
    if image_format not in LOGO_FORMATS:
        raise forms.ValidationError(
            _("Kies een logo als PNG of JPEG. Andere soorten (zoals SVG of GIF) kunnen niet."),
            code="wrong_type",
        )
    if width * height > LOGO_MAX_PIXELS:
        raise forms.ValidationError(
            _("Het logo is te groot (%(width)s × %(height)s pixels). Maak het kleiner."),
            code="too_many_pixels",
            params={"width": width, "height": height},
        )
    return LOGO_FORMATS[image_format]


class FolderLogoForm(forms.Form):
    logo = forms.FileField(
        label=_("Logo van de school"),
        required=False,
        help_text=_("PNG of JPEG, hoogstens 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Logo weghalen"), required=False)

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if upload:
            self.logo_extension = inspect_logo(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("logo") and not cleaned.get("remove_logo"):
            self.add_error("logo", _("Kies een bestand met het logo van de school."))
        return cleaned


def school_contacts(school):
    """The people with a current function at the school: the choices for contact person."""
    today = timezone.localdate()
    return (
        Person.objects.filter(memberships__organisation=school)
        .filter(Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gte=today))
        .distinct()
        .order_by("last_name", "first_name")
    )


class FolderSettingsForm(forms.Form):
    contact_person = forms.ModelChoiceField(
        label=_("Contactpersoon voor de ouders"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Geen contactpersoon in de folder"),
        help_text=_("Naam, e-mailadres en telefoon van deze persoon staan in de folder."),
    )
    personal_word = forms.CharField(
        label=_("Persoonlijk woordje aan de ouders"),
        required=False,
        max_length=PERSONAL_WORD_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hoogstens %(max)s tekens. Bijvoorbeeld een uitnodiging voor de infoavond.")
        % {"max": PERSONAL_WORD_MAX_LENGTH},
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = school_contacts(school)
        self.fields["contact_person"].error_messages["invalid_choice"] = _(
            "Kies een contactpersoon van de school uit de lijst."
        )
        self.fields["personal_word"].error_messages["max_length"] = _(
            "Maak het woordje korter: hoogstens %(limit_value)d tekens (nu %(show_value)d)."
        )

    def clean_personal_word(self):
        return self.cleaned_data["personal_word"].strip()
