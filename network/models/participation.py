"""Who is invited to a meeting (with a personal RSVP link) and who was there."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import Organisation, Person

from .meetings import Meeting
from .transitions import IllegalTransition

__all__ = ["Attendance", "Invitation", "new_token"]


def new_token() -> str:
    """An unguessable token for a link that works without logging in (256 bits)."""
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    class Response(models.TextChoices):
        PENDING = "pending", _("Nog geen antwoord")
        ATTEND = "attend", _("Komt")
        DECLINE = "decline", _("Verontschuldigd")
        SUBSTITUTE = "substitute", _("Stuurt een vervanger")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("vergadering"), on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("persoon"), on_delete=models.PROTECT, related_name="invitations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("namens"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    email = models.EmailField(_("e-mailadres"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    response = models.CharField(
        _("antwoord"), max_length=12, choices=Response, default=Response.PENDING
    )
    substitute_name = models.CharField(_("naam vervanger"), max_length=160, blank=True)
    substitute_email = models.EmailField(_("e-mailadres vervanger"), blank=True)
    comment = models.CharField(_("opmerking"), max_length=500, blank=True)
    added_by_staff = models.BooleanField(_("extra uitgenodigd"), default=False)
    sent_at = models.DateTimeField(_("uitgenodigd op"), null=True, blank=True)
    sent_sequence = models.IntegerField(
        _("laatst verstuurde versie"),
        default=-1,
        help_text=_("De versie van de vergadering in de laatst verstuurde uitnodiging."),
    )
    opened_at = models.DateTimeField(_("link geopend op"), null=True, blank=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("herinnerd op"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("aantal herinneringen"), default=0)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["meeting", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="network_invitation_once_per_person"
            ),
            models.CheckConstraint(
                condition=~Q(response="substitute") | ~Q(substitute_name=""),
                name="network_invitation_substitute_has_name",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.meeting}"

    @property
    def is_answered(self) -> bool:
        return self.response != self.Response.PENDING

    @property
    def needs_update(self) -> bool:
        """Sent before, but the meeting changed since (new date, place): send the update."""
        return self.sent_at is not None and self.sent_sequence < self.meeting.sequence

    def mark_opened(self, now=None):
        if self.opened_at is None:
            self.opened_at = now or timezone.now()

    def answer(self, response: str, *, substitute_name="", substitute_email="", comment=""):
        if self.meeting.status not in (Meeting.Status.DRAFT, Meeting.Status.PLANNED):
            raise IllegalTransition(_("Deze vergadering is voorbij of geannuleerd."))
        if response == self.Response.PENDING or response not in self.Response.values:
            raise IllegalTransition(_("Kies of je komt, niet komt of een vervanger stuurt."))
        if response == self.Response.SUBSTITUTE and not substitute_name.strip():
            raise IllegalTransition(_("Vul de naam van je vervanger in."))
        self.response = response
        is_substitute = response == self.Response.SUBSTITUTE
        self.substitute_name = substitute_name.strip() if is_substitute else ""
        self.substitute_email = substitute_email.strip() if is_substitute else ""
        self.comment = comment.strip()
        self.answered_at = timezone.now()


class Attendance(models.Model):
    """Who was at a meeting, per person, with the organisation they represented."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Aanwezig")
        EXCUSED = "excused", _("Verontschuldigd")
        ABSENT = "absent", _("Afwezig")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("vergadering"), on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("persoon"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
    )
    name = models.CharField(
        _("naam"), max_length=160, blank=True, help_text=_("Voor een vervanger zonder fiche.")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("namens"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
    )
    status = models.CharField(_("aanwezigheid"), max_length=10, choices=Status)
    substitute_for = models.ForeignKey(
        Person,
        verbose_name=_("vervangt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("geregistreerd op"), auto_now=True)

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")
        ordering = ["meeting", "organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="network_attendance_once_per_person",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""),
                name="network_attendance_has_someone",
            ),
        ]
        indexes = [
            # "Was VDAB represented?": attendance per organisation over time.
            models.Index(fields=["organisation", "status"], name="network_attendance_org_idx"),
        ]

    def __str__(self):
        return f"{self.display_name}: {self.get_status_display()}"

    @property
    def display_name(self) -> str:
        return str(self.person) if self.person_id else self.name
