"""A body (the Netwerk, the POF, a learning network or working group), the organisations
that sit in it with a mandate, and the persons who represent them (effective or substitute)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import Organisation, Person

__all__ = ["Body", "Delegate", "Mandate"]


class Body(models.Model):
    class Kind(models.TextChoices):
        NETWORK = "network", _("Netwerk Duaal Leren")
        POF = "pof", _("Provinciaal Overlegforum (POF)")
        LEARNING_NETWORK = "learning_network", _("Lerend netwerk")
        WORKING_GROUP = "working_group", _("Werkgroep")

    name = models.CharField(_("naam"), max_length=160, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind)
    description = models.TextField(_("omschrijving"), blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("overlegorgaan")
        verbose_name_plural = _("overlegorganen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def current_mandates(self, on: date | None = None):
        return self.mandates.current(on)

    def current_delegates(self, on: date | None = None):
        on = on or timezone.localdate()
        return Delegate.objects.current(on).filter(mandate__in=self.current_mandates(on))


class CurrentQuerySet(models.QuerySet):
    def current(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(started_on__isnull=True) | Q(started_on__lte=on)).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=on)
        )


class Mandate(models.Model):
    """An organisation's seat in a body."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Lid")
        CHAIR = "chair", _("Voorzitter")
        SECRETARIAT = "secretariat", _("Secretariaat")
        OBSERVER = "observer", _("Waarnemer")

    body = models.ForeignKey(
        Body, verbose_name=_("overlegorgaan"), on_delete=models.CASCADE, related_name="mandates"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="mandates",
    )
    role = models.CharField(_("rol"), max_length=12, choices=Role, default=Role.MEMBER)
    started_on = models.DateField(_("sinds"), null=True, blank=True)
    ended_on = models.DateField(_("tot"), null=True, blank=True)

    objects = CurrentQuerySet.as_manager()

    class Meta:
        verbose_name = _("mandaat")
        verbose_name_plural = _("mandaten")
        ordering = ["body", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "organisation"],
                condition=Q(ended_on__isnull=True),
                name="network_mandate_one_open_per_organisation",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="network_mandate_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} in {self.body}"

    def clean(self):
        super().clean()
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("Het einde ligt na het begin.")})


class Delegate(models.Model):
    """A person who represents an organisation's mandate: effective or substitute."""

    class Kind(models.TextChoices):
        EFFECTIVE = "effective", _("Effectief")
        SUBSTITUTE = "substitute", _("Plaatsvervanger")

    mandate = models.ForeignKey(
        Mandate, verbose_name=_("mandaat"), on_delete=models.CASCADE, related_name="delegates"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("persoon"), on_delete=models.PROTECT, related_name="delegations"
    )
    kind = models.CharField(_("soort"), max_length=12, choices=Kind, default=Kind.EFFECTIVE)
    started_on = models.DateField(_("sinds"), null=True, blank=True)
    ended_on = models.DateField(_("tot"), null=True, blank=True)

    objects = CurrentQuerySet.as_manager()

    class Meta:
        verbose_name = _("afgevaardigde")
        verbose_name_plural = _("afgevaardigden")
        ordering = ["mandate", "kind", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["mandate", "person"],
                condition=Q(ended_on__isnull=True),
                name="network_delegate_once_per_mandate",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="network_delegate_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_kind_display()}, {self.mandate.organisation})"

    def clean(self):
        super().clean()
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("Het einde ligt na het begin.")})
