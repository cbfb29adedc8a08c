"""Good practices: short cases coordinators publish and can put on a POF agenda."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import Organisation, Programme, Subregion

__all__ = ["GoodPractice"]


class GoodPractice(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("korte naam"), max_length=120, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    company = models.ForeignKey(
        Organisation,
        verbose_name=_("onderneming"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.COMPANY},
    )
    company_name = models.CharField(
        _("naam onderneming"), max_length=200, help_text=_("Zoals op de publieke pagina.")
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("opleiding"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    subregion = models.ForeignKey(
        Subregion,
        verbose_name=_("subregio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    summary = models.CharField(_("samenvatting"), max_length=300)
    what_worked = models.TextField(_("wat werkte (Markdown)"))
    contact_name = models.CharField(_("contactpersoon"), max_length=160, blank=True)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"), blank=True)
    contact_consent_at = models.DateTimeField(
        _("toestemming contact publiceren op"),
        null=True,
        blank=True,
        help_text=_("Zonder toestemming tonen we de contactpersoon niet publiek."),
    )
    is_published = models.BooleanField(_("gepubliceerd"), default=False)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("goede praktijk")
        verbose_name_plural = _("goede praktijken")
        ordering = ["-published_at", "title"]

    def __str__(self):
        return self.title

    @property
    def public_contact(self) -> tuple[str, str] | None:
        if self.contact_consent_at and (self.contact_name or self.contact_email):
            return self.contact_name, self.contact_email
        return None

    def clean(self):
        super().clean()
        if (self.contact_name or self.contact_email) and not self.contact_consent_at:
            raise ValidationError(
                {
                    "contact_consent_at": _(
                        "Vul in wanneer de contactpersoon toestemming gaf om gepubliceerd te "
                        "worden, of laat de contactgegevens leeg."
                    )
                }
            )
