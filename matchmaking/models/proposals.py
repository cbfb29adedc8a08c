"""Proposals of a matching run and their way to a signed agreement (or not), step by step."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .agreements import Agreement
from .learners import Learner
from .runs import MatchingRun
from .transitions import IllegalTransition, require_status
from .workplaces import Workplace

__all__ = ["Proposal", "ProposalTransition"]


class Proposal(models.Model):
    """A match the engine proposed, and its way to a signed agreement (or not)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Nog niet aanvaard")
        PROPOSED = "proposed", _("Voorgesteld")
        INTRODUCTION = "introduction", _("Kennismaking gepland")
        TRIAL = "trial", _("Proefperiode")
        AGREEMENT = "agreement", _("Overeenkomst ondertekend")
        RUNNING = "running", _("Loopt")
        ENDED = "ended", _("Beëindigd")
        DECLINED = "declined", _("Afgesprongen")

    # An accepted proposal holds a place until its agreement does (capacity.py).
    HOLDS_PLACE = (Status.PROPOSED, Status.INTRODUCTION, Status.TRIAL)
    ACTIVE = (*HOLDS_PLACE, Status.AGREEMENT, Status.RUNNING)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    run = models.ForeignKey(
        MatchingRun, verbose_name=_("matching"), on_delete=models.CASCADE, related_name="proposals"
    )
    learner = models.ForeignKey(
        Learner, verbose_name=_("jongere"), on_delete=models.CASCADE, related_name="proposals"
    )
    workplace = models.ForeignKey(
        Workplace,
        verbose_name=_("leerwerkplek"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    cost = models.PositiveIntegerField(_("kost"), help_text=_("Lager is beter."))
    explanation = models.TextField(_("uitleg"))
    fixed = models.BooleanField(_("vastgezet"), default=False)
    status = models.CharField(_("status"), max_length=15, choices=Status, default=Status.OPEN)
    introduction_on = models.DateField(_("kennismaking op"), null=True, blank=True)
    agreement = models.OneToOneField(
        Agreement,
        verbose_name=_("overeenkomst"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposal",
    )
    end_reason = models.TextField(_("reden"), blank=True)
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), default=timezone.now)

    class Meta:
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")
        ordering = ["run", "cost", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "learner"], name="matchmaking_proposal_once_per_run"
            ),
            models.UniqueConstraint(
                fields=["learner"],
                condition=Q(
                    status__in=["proposed", "introduction", "trial", "agreement", "running"]
                ),
                name="matchmaking_proposal_one_active_per_learner",
            ),
            models.CheckConstraint(
                condition=~Q(status="introduction") | Q(introduction_on__isnull=False),
                name="matchmaking_proposal_introduction_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["agreement", "running"]) | Q(agreement__isnull=False),
                name="matchmaking_proposal_agreement_linked",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["ended", "declined"]) | ~Q(end_reason=""),
                name="matchmaking_proposal_closed_has_reason",
            ),
        ]
        indexes = [
            # Free places: the proposals that hold a place at a workplace.
            models.Index(fields=["workplace", "status"], name="mm_proposal_workplace_idx"),
        ]

    def __str__(self):
        return f"{self.learner} → {self.workplace}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("matchmaking:proposal_detail", kwargs={"uuid": self.uuid})

    # Status changes: each refuses what the workflow does not allow; the caller saves.

    def _move(self, status):
        self.status = status
        self.status_changed_at = timezone.now()

    def accept(self):
        require_status(
            self, self.Status.OPEN, message=_("Dit voorstel is al aanvaard of afgesloten.")
        )
        if self.run.dry_run:
            raise IllegalTransition(
                _("Dit is een voorbeeld: voer de matching echt uit om voorstellen te aanvaarden.")
            )
        self._move(self.Status.PROPOSED)

    def plan_introduction(self, *, on):
        require_status(
            self,
            self.Status.PROPOSED,
            self.Status.INTRODUCTION,
            message=_("Een kennismaking plan je na het voorstel."),
        )
        if not on:
            raise IllegalTransition(_("Kies de datum van de kennismaking."))
        self.introduction_on = on
        self._move(self.Status.INTRODUCTION)

    def start_trial(self):
        require_status(
            self,
            self.Status.INTRODUCTION,
            message=_("Een proefperiode volgt op de kennismaking."),
        )
        self._move(self.Status.TRIAL)

    def check_can_sign(self):
        require_status(
            self,
            self.Status.INTRODUCTION,
            self.Status.TRIAL,
            message=_("Een overeenkomst volgt op de kennismaking of de proefperiode."),
        )

    def sign(self, *, agreement: Agreement):
        self.check_can_sign()
        self.agreement = agreement
        self._move(self.Status.AGREEMENT)

    def start_running(self):
        require_status(
            self,
            self.Status.AGREEMENT,
            message=_("Alleen een ondertekende overeenkomst kan starten."),
        )
        self._move(self.Status.RUNNING)

    def end(self, *, reason: str):
        require_status(
            self,
            self.Status.AGREEMENT,
            self.Status.RUNNING,
            message=_("Alleen een overeenkomst die ondertekend is of loopt, kan eindigen."),
        )
        self._close(self.Status.ENDED, reason, _("Geef de reden van de beëindiging."))

    def decline(self, *, reason: str):
        require_status(
            self,
            *self.HOLDS_PLACE,
            message=_("Afspringen kan tussen het voorstel en de ondertekening."),
        )
        self._close(self.Status.DECLINED, reason, _("Geef de reden waarom het afsprong."))

    def _close(self, status, reason, missing):
        reason = (reason or "").strip()
        if not reason:
            raise IllegalTransition(missing)
        self.end_reason = reason
        self._move(status)


class ProposalTransition(models.Model):
    """One step of a proposal: from, to, who, when, note."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("voorstel"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("van"), max_length=15, choices=Proposal.Status)
    to_status = models.CharField(_("naar"), max_length=15, choices=Proposal.Status)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("op"), default=timezone.now)
    note = models.TextField(_("notitie"), blank=True)

    class Meta:
        verbose_name = _("stap van een voorstel")
        verbose_name_plural = _("stappen van voorstellen")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
