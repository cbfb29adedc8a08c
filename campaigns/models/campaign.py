"""A campaign ("Steek een poot uit"), its materials and the schools that take part.

The other campaign tools (orders, digital kit, parent folders, QR codes, calendar, checklist,
mailings, feedback) hang under these three models, each in its own module.
"""

import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "Campaign",
    "IllegalCampaignTransition",
    "Material",
    "MaterialFile",
    "Participation",
]


class IllegalCampaignTransition(ValidationError):
    pass


class CampaignQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Campaign.Status.ACTIVE)

    def public(self):
        """Campaigns with a public page: active and closed ones (drafts are not shown)."""
        return self.exclude(status=Campaign.Status.DRAFT)


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("In voorbereiding")
        ACTIVE = "active", _("Actief")
        CLOSED = "closed", _("Afgesloten")

    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    slogan = models.CharField(_("slogan"), max_length=200, blank=True)
    school_year = models.CharField(
        _("schooljaar"), max_length=9, help_text=_("Bijvoorbeeld 2025-2026.")
    )
    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("eindigt op"))
    goals = models.TextField(_("doelen"), blank=True, help_text=_("Markdown."))
    description = models.TextField(
        _("omschrijving"), blank=True, help_text=_("Markdown. Staat op de publieke pagina.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    kit_version = models.PositiveIntegerField(
        _("versie digitale kit"),
        default=1,
        editable=False,
        help_text=_("Gaat omhoog als een digitaal bestand wijzigt: de ZIP wordt opnieuw gemaakt."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="campaigns_campaign_period"
            ),
            models.CheckConstraint(
                condition=Q(school_year__regex=r"^[0-9]{4}-[0-9]{4}$"),
                name="campaigns_campaign_school_year",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("campaigns:campaign_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Het einde ligt vóór het begin.")})
        if self.school_year:
            first, _sep, second = self.school_year.partition("-")
            if not (first.isdigit() and second.isdigit() and int(second) == int(first) + 1):
                raise ValidationError({"school_year": _("Schrijf het schooljaar als 2025-2026.")})

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def activate(self):
        if self.status != self.Status.DRAFT:
            raise IllegalCampaignTransition(_("Alleen een campagne in voorbereiding kan starten."))
        self.status = self.Status.ACTIVE

    def close(self):
        if self.status != self.Status.ACTIVE:
            raise IllegalCampaignTransition(_("Alleen een actieve campagne kan afsluiten."))
        self.status = self.Status.CLOSED


class MaterialQuerySet(models.QuerySet):
    def physical(self):
        return self.filter(kind=Material.Kind.PHYSICAL)

    def digital(self):
        return self.filter(kind=Material.Kind.DIGITAL)

    def available_on(self, day):
        return self.filter(
            Q(available_from__isnull=True) | Q(available_from__lte=day),
            Q(available_until__isnull=True) | Q(available_until__gte=day),
        )


class Material(models.Model):
    class Kind(models.TextChoices):
        PHYSICAL = "physical", _("Fysiek")
        DIGITAL = "digital", _("Digitaal")

    class Category(models.TextChoices):
        INFO_POINT = "info_point", _("DIY-infopunt")
        POSTER = "poster", _("Affiche")
        WOBBLER = "wobbler", _("Wobbler")
        FLOOR_SIGN = "floor_sign", _("Vloersticker")
        CHAIR = "chair", _("Stoel")
        ROLL_UP = "roll_up", _("Roll-upbanner")
        BANNER = "banner", _("Webbanner")
        TEACHER_GUIDE = "teacher_guide", _("Lerarenhandleiding")
        PARENT_FOLDER = "parent_folder", _("Ouderfolder")
        FILM = "film", _("Film")
        QUIZ = "quiz", _("Quiz")
        SOCIAL = "social", _("Sociale media")
        OTHER = "other", _("Ander materiaal")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="materials", verbose_name=_("campagne")
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind)
    category = models.CharField(_("categorie"), max_length=20, choices=Category)
    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True)
    preview_image = models.ImageField(
        _("voorbeeldafbeelding"), upload_to="campaigns/previews/", blank=True
    )
    preview_alt = models.CharField(
        _("beschrijving van de afbeelding"),
        max_length=200,
        blank=True,
        help_text=_("Voor wie de afbeelding niet ziet (schermlezer)."),
    )
    link = models.URLField(
        _("link"), blank=True, help_text=_("Voor een film of de quiz: waar het materiaal staat.")
    )
    stock = models.PositiveIntegerField(
        _("voorraad"),
        null=True,
        blank=True,
        help_text=_("Alleen voor fysiek materiaal: hoeveel stuks er nog te bestellen zijn."),
    )
    max_per_school = models.PositiveIntegerField(
        _("maximum per school"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Alleen voor fysiek materiaal. Leeg: geen maximum."),
    )
    available_from = models.DateField(_("beschikbaar vanaf"), null=True, blank=True)
    available_until = models.DateField(_("beschikbaar tot"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = MaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("materiaal")
        verbose_name_plural = _("materialen")
        ordering = ["campaign", "kind", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "slug"], name="campaigns_material_slug"),
            # Physical material has a stock (possibly 0); digital material has none.
            models.CheckConstraint(
                condition=(Q(kind="physical", stock__isnull=False) | Q(kind="digital", stock=None)),
                name="campaigns_material_stock_only_physical",
            ),
            models.CheckConstraint(
                condition=Q(max_per_school__isnull=True) | Q(max_per_school__gte=1),
                name="campaigns_material_max_per_school_positive",
            ),
            models.CheckConstraint(
                condition=(
                    Q(available_from__isnull=True)
                    | Q(available_until__isnull=True)
                    | Q(available_until__gte=models.F("available_from"))
                ),
                name="campaigns_material_availability",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_physical(self) -> bool:
        return self.kind == self.Kind.PHYSICAL

    def clean(self):
        errors = {}
        if self.kind == self.Kind.PHYSICAL and self.stock is None:
            errors["stock"] = _("Geef de voorraad van dit fysieke materiaal.")
        if self.kind == self.Kind.DIGITAL and self.stock is not None:
            errors["stock"] = _("Digitaal materiaal heeft geen voorraad: laat dit veld leeg.")
        if self.kind == self.Kind.DIGITAL and self.max_per_school is not None:
            errors["max_per_school"] = _(
                "Een maximum per school geldt alleen voor fysiek materiaal."
            )
        if (
            self.available_from
            and self.available_until
            and self.available_until < self.available_from
        ):
            errors["available_until"] = _("Deze datum ligt vóór 'beschikbaar vanaf'.")
        if errors:
            raise ValidationError(errors)

    def is_available(self, day=None) -> bool:
        day = day or timezone.localdate()
        return (self.available_from is None or self.available_from <= day) and (
            self.available_until is None or self.available_until >= day
        )


def material_file_path(instance, filename):
    return f"campaigns/materials/{instance.material.campaign.slug}/{filename}"


class MaterialFile(models.Model):
    """One downloadable file of a material: a format or a size (e.g. "728 × 90 px, PNG")."""

    material = models.ForeignKey(
        Material, on_delete=models.CASCADE, related_name="files", verbose_name=_("materiaal")
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    label = models.CharField(
        _("omschrijving"),
        max_length=120,
        help_text=_("Bijvoorbeeld: 728 × 90 px of A4 om af te drukken."),
    )
    file = models.FileField(_("bestand"), upload_to=material_file_path, max_length=300)
    size_bytes = models.PositiveBigIntegerField(_("grootte (bytes)"), default=0, editable=False)
    uploaded_at = models.DateTimeField(_("opgeladen op"), default=timezone.now, editable=False)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("bestand")
        verbose_name_plural = _("bestanden")
        ordering = ["material", "order", "label"]

    def __str__(self):
        return f"{self.material}: {self.label}"

    @property
    def file_format(self) -> str:
        """The extension in capitals (PDF, PNG, …) for the download button."""
        return PurePosixPath(self.file.name or "").suffix.lstrip(".").upper()

    @property
    def filename(self) -> str:
        return PurePosixPath(self.file.name or "").name


class Participation(models.Model):
    """A school takes part in a campaign (it ordered, downloaded, ticked the checklist…).

    The school's own settings for this campaign live here: the contact person and logo for
    the personalised parent folder.
    """

    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("campagne"),
    )
    school = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        related_name="campaign_participations",
        verbose_name=_("school"),
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    joined_at = models.DateTimeField(_("doet mee sinds"), default=timezone.now)
    contact_person = models.ForeignKey(
        "core.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contactpersoon"),
    )

    class Meta:
        verbose_name = _("deelnemende school")
        verbose_name_plural = _("deelnemende scholen")
        ordering = ["campaign", "school__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "school"], name="campaigns_participation_unique"
            ),
        ]

    def __str__(self):
        return f"{self.school} – {self.campaign}"
