"""Matching runs and their inputs: weights, exclusions, fixed matches, runs and the learners
left without a proposal (the proposals themselves are in proposals.py)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import JobState, Organisation, Subregion

from .learners import Learner
from .workplaces import Workplace

__all__ = [
    "FixedMatch",
    "MatchExclusion",
    "MatchingRun",
    "MatchingWeights",
    "UnmatchedLearner",
]

WEIGHT_FIELDS = ("distance", "preference", "waiting", "priority", "track_record")
WEIGHT_MAX = 1000


def _weight(label, default, help_text):
    return models.FloatField(
        label,
        default=default,
        validators=[MinValueValidator(0), MaxValueValidator(WEIGHT_MAX)],
        help_text=help_text,
    )


class MatchingWeights(models.Model):
    """The weights the next run uses: one row (pk 1), edited by the coordinators."""

    SINGLETON_PK = 1

    distance = _weight(
        _("afstand"),
        4.0,
        _(
            "Hoe zwaar de reisafstand weegt. De afstand telt als deel van de maximale afstand "
            "die de jongere wil afleggen: dichterbij is beter."
        ),
    )
    preference = _weight(
        _("voorkeur"),
        3.0,
        _("Hoe zwaar de volgorde van de gewenste opleidingen weegt: de eerste keuze gaat voor."),
    )
    waiting = _weight(
        _("wachttijd"),
        1.0,
        _(
            "Hoe zwaar de wachttijd weegt: wie al langer zoekt, gaat voor (tot een half jaar "
            "wachten telt mee)."
        ),
    )
    priority = _weight(
        _("voorrang voor kwetsbare groepen"),
        2.0,
        _(
            "Hoe zwaar de voorrang weegt voor vroegtijdige schoolverlaters, jongeren zonder "
            "kwalificatie, BuSO, OKAN en de aanloopfase."
        ),
    )
    track_record = _weight(
        _("ervaring van het bedrijf"),
        1.0,
        _(
            "Hoe zwaar weegt dat eerdere overeenkomsten bij het bedrijf goed afliepen "
            "(minstens drie maanden liepen)."
        ),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("gewichten van de matching")
        verbose_name_plural = _("gewichten van de matching")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="matchmaking_weights_single_row"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 0, f"{name}__lte": WEIGHT_MAX}),
                    name=f"matchmaking_weights_{name}_range",
                )
                for name in WEIGHT_FIELDS
            ),
        ]

    def __str__(self):
        return str(_("Gewichten van de matching"))

    @classmethod
    def current(cls) -> "MatchingWeights":
        weights, _created = cls.objects.get_or_create(pk=cls.SINGLETON_PK)
        return weights

    def as_dict(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in WEIGHT_FIELDS}


class MatchExclusion(models.Model):
    """ "Niet meer bij dit bedrijf": the engine never proposes this company to this learner."""

    learner = models.ForeignKey(
        Learner, verbose_name=_("jongere"), on_delete=models.CASCADE, related_name="exclusions"
    )
    company = models.ForeignKey(
        Organisation,
        verbose_name=_("onderneming"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.COMPANY},
    )
    reason = models.TextField(_("reden"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("uitsluiting")
        verbose_name_plural = _("uitsluitingen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "company"], name="matchmaking_exclusion_once"
            ),
            models.CheckConstraint(
                condition=~Q(reason=""), name="matchmaking_exclusion_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.learner} ≠ {self.company}"


class FixedMatch(models.Model):
    """A coordinator's decision before a run: this learner goes to this workplace."""

    learner = models.OneToOneField(
        Learner, verbose_name=_("jongere"), on_delete=models.CASCADE, related_name="fixed_match"
    )
    workplace = models.ForeignKey(
        Workplace,
        verbose_name=_("leerwerkplek"),
        on_delete=models.CASCADE,
        related_name="fixed_matches",
    )
    note = models.TextField(_("toelichting"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("vastgezette match")
        verbose_name_plural = _("vastgezette matches")

    def __str__(self):
        return f"{self.learner} → {self.workplace}"

    def clean(self):
        super().clean()
        if not (self.learner_id and self.workplace_id):
            return
        if MatchExclusion.objects.filter(
            learner_id=self.learner_id, company_id=self.workplace.site.organisation_id
        ).exists():
            raise ValidationError(
                {"workplace": _("Deze onderneming is uitgesloten voor deze jongere.")}
            )
        if not self.learner.wishes.filter(programme_id=self.workplace.programme_id).exists():
            raise ValidationError(
                {"workplace": _("Deze werkplek is niet voor een opleiding die de jongere wil.")}
            )


class MatchingRun(JobState):
    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")

    FINISHED = (Status.DONE, Status.FAILED)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subregion = models.ForeignKey(
        Subregion,
        verbose_name=_("subregio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg: de hele provincie."),
    )
    dry_run = models.BooleanField(
        _("voorbeeld"),
        default=True,
        help_text=_("Een voorbeeld bewaart voorstellen om te bekijken, niet om te aanvaarden."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    step = models.CharField(_("stap"), max_length=120, blank=True)
    weights = models.JSONField(_("gebruikte gewichten"), default=dict)
    learners_count = models.PositiveIntegerField(_("zoekende jongeren"), default=0)
    places_count = models.PositiveIntegerField(_("werkplekken"), default=0)
    proposals_count = models.PositiveIntegerField(_("voorstellen"), default=0)
    unmatched_count = models.PositiveIntegerField(_("zonder voorstel"), default=0)
    error = models.TextField(_("fout"), blank=True)  # JobState's last_error, named so here
    last_error = None
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    # attempts, started_at, finished_at: JobState's

    class Meta:
        verbose_name = _("matching")
        verbose_name_plural = _("matchings")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="matchmaking_run_progress_range"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["done", "failed"]) | Q(finished_at__isnull=False),
                name="matchmaking_run_finished_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(error=""),
                name="matchmaking_run_failed_has_error",
            ),
        ]

    def __str__(self):
        kind = _("Voorbeeld") if self.dry_run else _("Matching")
        return f"{kind} {self.scope_label} ({timezone.localtime(self.created_at):%d/%m/%Y %H:%M})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("matchmaking:run_detail", kwargs={"uuid": self.uuid})

    @property
    def scope_label(self) -> str:
        return self.subregion.name if self.subregion_id else str(_("hele provincie"))

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED


class UnmatchedLearner(models.Model):
    """A searching learner the run found no proposal for, and why (in Dutch)."""

    run = models.ForeignKey(
        MatchingRun, verbose_name=_("matching"), on_delete=models.CASCADE, related_name="unmatched"
    )
    learner = models.ForeignKey(
        Learner, verbose_name=_("jongere"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reden"))

    class Meta:
        verbose_name = _("jongere zonder voorstel")
        verbose_name_plural = _("jongeren zonder voorstel")
        constraints = [
            models.UniqueConstraint(fields=["run", "learner"], name="matchmaking_unmatched_once"),
        ]

    def __str__(self):
        return f"{self.learner}: {self.reason}"
