"""Campaign calendar (moments and their reminders), the school checklist, and feedback."""

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = [
    "CampaignMoment",
    "ChecklistItem",
    "ChecklistTick",
    "Feedback",
]


class CampaignMoment(models.Model):
    """A moment on the campaign calendar: on the public page, in the .ics feed, and reminded
    by mail to the contacts of the participating schools `remind_days_before` days ahead."""

    class Audience(models.TextChoices):
        TEACHERS = "teachers", _("Leerkrachten")
        PUPILS = "pupils", _("Leerlingen")
        PARENTS = "parents", _("Ouders")
        SCHOOL = "school", _("Het hele schoolteam")

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        related_name="moments",
        verbose_name=_("campagne"),
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(
        _("sleutel"),
        max_length=80,
        help_text=_("Korte naam zonder spaties; blijft gelijk als je de titel aanpast."),
    )
    title = models.CharField(_("titel"), max_length=150)
    date = models.DateField(_("datum"))
    start_time = models.TimeField(
        _("beginuur"), null=True, blank=True, help_text=_("Leeg: de hele dag.")
    )
    end_time = models.TimeField(_("einduur"), null=True, blank=True)
    what_to_do = models.TextField(_("wat doe je?"), help_text=_("Kort en in gewone taal."))
    audience = models.CharField(_("voor wie"), max_length=10, choices=Audience)
    remind_days_before = models.PositiveSmallIntegerField(
        _("herinnering (dagen op voorhand)"),
        default=7,
        help_text=_("0: geen herinneringsmail."),
    )
    reminders_queued_at = models.DateTimeField(
        _("herinneringen klaargezet op"), null=True, blank=True, editable=False
    )
    reminders_queued = models.PositiveIntegerField(
        _("aantal herinneringen"), default=0, editable=False
    )
    reminder_error = models.TextField(_("fout bij herinneren"), blank=True, editable=False)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("campagnemoment")
        verbose_name_plural = _("campagnemomenten")
        ordering = ["date", "start_time", "title"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "slug"], name="campaigns_moment_slug"),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False),
                name="campaigns_moment_end_needs_start",
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(end_time__gt=models.F("start_time")),
                name="campaigns_moment_end_after_start",
            ),
        ]
        indexes = [
            # The daily reminder run: moments whose date is near (date >= today).
            models.Index(fields=["date"], name="campaigns_moment_date_idx"),
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%d/%m/%Y})"

    def clean(self):
        if self.end_time and not self.start_time:
            raise ValidationError({"end_time": _("Geef ook een beginuur.")})
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("Het einduur ligt na het beginuur.")})

    @property
    def is_all_day(self) -> bool:
        return self.start_time is None

    @property
    def remind_on(self) -> datetime.date | None:
        if not self.remind_days_before:
            return None
        return self.date - datetime.timedelta(days=self.remind_days_before)

    def starts_at(self) -> datetime.datetime | None:
        """The start in Belgian time (aware), or None for a moment that lasts all day."""
        if self.start_time is None:
            return None
        return datetime.datetime.combine(self.date, self.start_time, ZoneInfo(settings.TIME_ZONE))

    def ends_at(self) -> datetime.datetime | None:
        start = self.starts_at()
        if start is None:
            return None
        if self.end_time is None:
            return start + datetime.timedelta(hours=1)
        return datetime.datetime.combine(self.date, self.end_time, ZoneInfo(settings.TIME_ZONE))

    @property
    def reminder_batch(self) -> str:
        """The outbox batch key: one per moment, so nobody is reminded of it twice."""
        return f"campaigns.moment:{self.uuid}:reminder"


class ChecklistItem(models.Model):
    """One thing a school does in the campaign (nine by default, from the campaign guide)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        related_name="checklist_items",
        verbose_name=_("campagne"),
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("wat"), max_length=150)
    explanation = models.TextField(_("uitleg"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("punt van de checklist")
        verbose_name_plural = _("checklist")
        ordering = ["campaign", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "title"], name="campaigns_checklistitem_title"
            ),
        ]

    def __str__(self):
        return self.title


class ChecklistTick(models.Model):
    """A school ticked an item off (one row per school and item; unticking deletes it)."""

    participation = models.ForeignKey(
        "campaigns.Participation",
        on_delete=models.CASCADE,
        related_name="checklist_ticks",
        verbose_name=_("deelnemende school"),
    )
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.CASCADE, related_name="ticks", verbose_name=_("punt")
    )
    ticked_at = models.DateTimeField(_("afgevinkt op"), auto_now_add=True)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgevinkt door"),
    )

    class Meta:
        verbose_name = _("afgevinkt punt")
        verbose_name_plural = _("afgevinkte punten")
        ordering = ["participation", "item__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "item"], name="campaigns_checklisttick_once"
            ),
        ]

    def __str__(self):
        return f"{self.participation.school}: {self.item}"


class FeedbackQuerySet(models.QuerySet):
    def quoted(self):
        return self.filter(is_quoted=True, consent_to_quote=True)


class Feedback(models.Model):
    """A reaction on a campaign: from a school contact, or anonymously from a pupil.

    Coordinators pick quotes for the public page, only among reactions with consent.
    """

    class Author(models.TextChoices):
        TEACHER = "teacher", _("Leerkracht of coördinator")
        PUPIL = "pupil", _("Leerling")
        PARENT = "parent", _("Ouder")
        OTHER = "other", _("Iemand anders")

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("campagne"),
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author = models.CharField(_("van wie"), max_length=10, choices=Author)
    text = models.TextField(_("reactie"))
    signature = models.CharField(
        _("ondertekening"),
        max_length=80,
        blank=True,
        help_text=_("Hoe we de reactie ondertekenen als citaat, bv. 'Leerling 4de jaar'."),
    )
    school = models.ForeignKey(
        "core.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
        help_text=_("Alleen als een aangemelde contactpersoon van een school reageert."),
    )
    consent_to_quote = models.BooleanField(_("mag geciteerd worden"), default=False)
    is_quoted = models.BooleanField(_("staat op de campagnepagina"), default=False)
    created_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("reactie op een campagne")
        verbose_name_plural = _("reacties op campagnes")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_quoted=False) | Q(consent_to_quote=True),
                name="campaigns_feedback_quote_needs_consent",
            ),
        ]
        indexes = [
            # The quotes on the public campaign page.
            models.Index(fields=["campaign", "is_quoted"], name="campaigns_feedback_quoted_idx"),
        ]

    def __str__(self):
        return f"{self.get_author_display()}: {self.text[:60]}"

    def clean(self):
        if self.is_quoted and not self.consent_to_quote:
            raise ValidationError(
                {"is_quoted": _("Zonder toestemming mag je deze reactie niet citeren.")}
            )

    @property
    def quote_signature(self) -> str:
        return self.signature or str(self.get_author_display())

    def pick_as_quote(self):
        if not self.consent_to_quote:
            raise ValidationError(_("Zonder toestemming mag je deze reactie niet citeren."))
        self.is_quoted = True

    def drop_quote(self):
        self.is_quoted = False
