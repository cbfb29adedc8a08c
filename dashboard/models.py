"""Measurement moments (meetmomenten) and the figures frozen at them.

A moment is provisional until a coordinator marks it final; from then on none of its figure
values may be added, changed or deleted (refused by the model and by the services). Every value
records where it came from: computed from the portal's rows through the figure registry, or
imported from a file (which file, when, by whom).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = ["FigureImport", "FigureValue", "MeasurementMoment", "MomentIsFinal"]


class MomentIsFinal(ValidationError):
    """A change to a final measurement moment."""


class MeasurementMoment(models.Model):
    class Status(models.TextChoices):
        PROVISIONAL = "provisional", _("Voorlopig")
        FINAL = "final", _("Definitief")

    name = models.CharField(_("naam"), max_length=120, help_text=_("Bijvoorbeeld: 20 april 2025."))
    date = models.DateField(_("peildatum"), unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.PROVISIONAL
    )
    computed_at = models.DateTimeField(_("berekend op"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("definitief gemaakt op"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("definitief gemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("meetmoment")
        verbose_name_plural = _("meetmomenten")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="provisional") | Q(finalised_at__isnull=False),
                name="dashboard_final_moment_has_date",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL

    def require_provisional(self):
        if self.is_final:
            raise MomentIsFinal(
                _("Het meetmoment “%(name)s” is definitief: de cijfers veranderen niet meer.")
                % {"name": self.name},
                code="final",
            )


class FigureImport(models.Model):
    """An uploaded file of figures for one moment: previewed, then confirmed (or not)."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Voorbeeld")
        CONFIRMED = "confirmed", _("Ingelezen")
        CANCELLED = "cancelled", _("Geannuleerd")

    moment = models.ForeignKey(
        MeasurementMoment,
        verbose_name=_("meetmoment"),
        on_delete=models.CASCADE,
        related_name="imports",
    )
    file_name = models.CharField(_("bestand"), max_length=200)
    source = models.CharField(
        _("bron"), max_length=200, help_text=_("Bijvoorbeeld: Departement Onderwijs, dataloep.")
    )
    rows = models.JSONField(_("rijen"), default=list, editable=False)
    errors = models.JSONField(_("fouten"), default=list, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PREVIEW)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgeladen door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("opgeladen op"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("ingelezen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("import van cijfers")
        verbose_name_plural = _("imports van cijfers")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.file_name} ({self.moment})"


class FigureValue(models.Model):
    """One number of one figure at one moment.

    The scope says for whom: the province or one subregion (`subregion`, blank for all), all
    providers or one type of provider (`provider_type`, blank for all). The dimension says how
    it is split within that scope: the total, or per programme, study domain or another
    breakdown the figure names (audience), with `key` the group.
    """

    class Dimension(models.TextChoices):
        TOTAL = "total", _("Totaal")
        PROGRAMME = "programme", _("Opleiding")
        STUDY_DOMAIN = "study_domain", _("Studiedomein")
        AUDIENCE = "audience", _("Doelgroep")

    class Source(models.TextChoices):
        COMPUTED = "computed", _("Berekend uit het portaal")
        IMPORTED = "imported", _("Ingelezen uit een bestand")

    moment = models.ForeignKey(
        MeasurementMoment,
        verbose_name=_("meetmoment"),
        on_delete=models.PROTECT,
        related_name="values",
    )
    figure = models.CharField(_("cijfer"), max_length=80)
    label = models.CharField(_("omschrijving"), max_length=200, blank=True)
    subregion = models.CharField(
        _("subregio"), max_length=80, blank=True, help_text=_("Leeg voor de hele provincie.")
    )
    subregion_label = models.CharField(_("naam subregio"), max_length=120, blank=True)
    provider_type = models.CharField(
        _("soort verstrekker"), max_length=80, blank=True, help_text=_("Leeg voor alle soorten.")
    )
    provider_type_label = models.CharField(_("naam soort verstrekker"), max_length=120, blank=True)
    dimension = models.CharField(_("per"), max_length=16, choices=Dimension)
    key = models.CharField(
        _("sleutel"), max_length=120, blank=True, help_text=_("Leeg voor het totaal.")
    )
    key_label = models.CharField(_("naam"), max_length=200, blank=True)
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2)
    source = models.CharField(_("bron"), max_length=10, choices=Source)
    figure_import = models.ForeignKey(
        FigureImport,
        verbose_name=_("import"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="values",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("op"), auto_now=True)

    class Meta:
        verbose_name = _("cijfer")
        verbose_name_plural = _("cijfers")
        ordering = ["moment", "figure", "subregion", "provider_type", "dimension", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["moment", "figure", "subregion", "provider_type", "dimension", "key"],
                name="dashboard_value_once_per_moment",
            ),
            models.CheckConstraint(
                condition=Q(dimension="total", key="") | (~Q(dimension="total") & ~Q(key="")),
                name="dashboard_value_key_matches_dimension",
            ),
            models.CheckConstraint(
                condition=~Q(source="imported") | Q(figure_import__isnull=False),
                name="dashboard_imported_value_names_its_file",
            ),
        ]
        indexes = [
            # The dashboard reads one moment's values in one scope.
            models.Index(
                fields=["moment", "subregion", "provider_type"], name="dashboard_value_scope_idx"
            ),
            # Trends and comparisons read one figure over moments.
            models.Index(fields=["figure", "dimension", "moment"], name="dashboard_value_idx"),
        ]

    def __str__(self):
        scope = "/".join(filter(None, [self.subregion, self.provider_type]))
        return f"{self.figure} {scope} {self.key or ''} = {self.value}"

    def save(self, *args, **kwargs):
        MeasurementMoment.objects.get(pk=self.moment_id).require_provisional()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        MeasurementMoment.objects.get(pk=self.moment_id).require_provisional()
        return super().delete(*args, **kwargs)
