"""Writes of the matching runs: weights, exclusions, fixed matches, runs, proposals.

Keyword-only, with an `actor`, each in its own transaction. Accepting a proposal locks the
workplace row (select_for_update) and recounts its free places inside the transaction, so two
coordinators accepting proposals for the last place at the same moment cannot both succeed.
Every proposal step is recorded (ProposalTransition) and mailed, through the outbox, to the
contacts of the learner's provider and of the company.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core.models import Membership, Organisation, Subregion
from steunpunt.core.outbox import enqueue_messages, templated_message

from ..learners import services as learner_services
from ..models import (
    FixedMatch,
    IllegalTransition,
    Learner,
    MatchExclusion,
    MatchingRun,
    MatchingWeights,
    Proposal,
    ProposalTransition,
    Workplace,
)
from ..models.runs import WEIGHT_FIELDS
from .capacity import with_free_places
from .tasks import run_matching_task


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


# Weights, exclusions, fixed matches


@transaction.atomic
def update_weights(*, actor, **values) -> MatchingWeights:
    weights = MatchingWeights.objects.select_for_update().get(pk=MatchingWeights.current().pk)
    for name in WEIGHT_FIELDS:
        if name in values:
            setattr(weights, name, values[name])
    weights.updated_by = _user(actor)
    weights.full_clean()
    weights.save()
    return weights


@transaction.atomic
def exclude_company(
    *, learner: Learner, company: Organisation, reason: str, actor
) -> MatchExclusion:
    """ "Niet meer bij dit bedrijf": a fixed match to that company is dropped with it."""
    if company.kind != Organisation.Kind.COMPANY:
        raise ValidationError({"company": _("Kies een onderneming.")})
    if MatchExclusion.objects.filter(learner=learner, company=company).exists():
        raise ValidationError(
            {"company": _("Deze onderneming is al uitgesloten voor deze jongere.")}
        )
    exclusion = MatchExclusion(
        learner=learner, company=company, reason=(reason or "").strip(), created_by=_user(actor)
    )
    exclusion.full_clean()
    exclusion.save()
    FixedMatch.objects.filter(learner=learner, workplace__site__organisation=company).delete()
    learner_services.record_learner_access(
        learner=learner, user=actor, action="change", what=f"uitgesloten: {company}"
    )
    return exclusion


@transaction.atomic
def fix_match(*, learner: Learner, workplace: Workplace, actor, note: str = "") -> FixedMatch:
    """Before a run: this learner goes to this workplace (replaces an earlier fixed match)."""
    fixed = FixedMatch.objects.filter(learner=learner).first() or FixedMatch(learner=learner)
    fixed.workplace = workplace
    fixed.note = note
    fixed.created_by = _user(actor)
    fixed.full_clean()
    fixed.save()
    return fixed


# Runs


@transaction.atomic
def start_run(*, subregion: Subregion | None, dry_run: bool, actor) -> MatchingRun:
    """Queue a run (the task starts once this transaction commits)."""
    run = MatchingRun.objects.create(
        subregion=subregion,
        dry_run=dry_run,
        created_by=_user(actor),
        weights=MatchingWeights.current().as_dict(),
        step=_("Wacht op een vrije rekenplaats"),
    )
    run_matching_task.delay(run.pk)  # sent on commit by the task base
    return run


# Accepting proposals


def _no_free_place(workplace: Workplace) -> str:
    return _(
        "Deze werkplek heeft geen vrije plaats meer (%(workplace)s): iemand anders nam de "
        "laatste plaats net in. Kies een andere werkplek of start een nieuwe matching."
    ) % {"workplace": workplace}


@transaction.atomic
def accept_proposal(*, proposal: Proposal, actor) -> Proposal:
    """open → proposed, the learner → "proposed"; refused when the place is no longer free."""
    workplace = Workplace.objects.select_for_update().get(pk=proposal.workplace_id)
    proposal = (
        Proposal.objects.select_for_update(of=("self",)).select_related("run").get(pk=proposal.pk)
    )
    before = proposal.status
    proposal.accept()  # refuses a dry run or a proposal that is no longer open
    if workplace.status != Workplace.Status.OPEN:
        raise IllegalTransition(_no_free_place(workplace))
    # counted again inside the transaction, after the lock: a concurrent accept has committed
    free = with_free_places(Workplace.objects.filter(pk=workplace.pk)).values_list(
        "free", flat=True
    )[0]
    if free < 1:
        raise IllegalTransition(_no_free_place(workplace))
    learner_services.move_learner(learner=proposal.learner, action="propose", actor=actor)
    proposal.save()
    FixedMatch.objects.filter(learner_id=proposal.learner_id).delete()
    _record(proposal, before, actor=actor, note="")
    return proposal


@dataclass
class Outcome:
    proposal: Proposal
    ok: bool
    message: str


def accept_proposals(*, proposals: list[Proposal], actor) -> list[Outcome]:
    """Each proposal in its own transaction: some may fail while others succeed."""
    outcomes = []
    for proposal in proposals:
        try:
            accepted = accept_proposal(proposal=proposal, actor=actor)
        except ValidationError as exc:
            outcomes.append(Outcome(proposal, False, " ".join(exc.messages)))
        else:
            outcomes.append(Outcome(accepted, True, _("Aanvaard")))
    return outcomes


# The proposal workflow

PROPOSAL_ACTIONS = ("plan_introduction", "start_trial", "sign", "start_running", "end", "decline")


@transaction.atomic
def move_proposal(
    *,
    proposal: Proposal,
    action: str,
    actor,
    note: str = "",
    on: date | None = None,
    reason: str = "",
    agreement_type: str = "",
    start_date: date | None = None,
    hours_per_week: int | None = None,
    exclude_company: bool = False,
) -> Proposal:
    """One step of the proposal; the learner (and agreement) follow. Refusals raise."""
    if action not in PROPOSAL_ACTIONS:
        raise IllegalTransition(_("Onbekende stap."))
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("run", "learner", "workplace__site__organisation")
        .get(pk=proposal.pk)
    )
    before = proposal.status
    learner = proposal.learner
    if action == "plan_introduction":
        was_proposed = proposal.status == Proposal.Status.PROPOSED
        proposal.plan_introduction(on=on)
        if was_proposed:
            learner_services.move_learner(learner=learner, action="plan_introduction", actor=actor)
    elif action == "start_trial":
        proposal.start_trial()
    elif action == "sign":
        proposal.check_can_sign()
        agreement = learner_services.register_agreement(
            learner=learner,
            actor=actor,
            type=agreement_type,
            start_date=start_date,
            hours_per_week=hours_per_week,
            workplace=proposal.workplace,
        )
        proposal.sign(agreement=agreement)
    elif action == "start_running":
        proposal.start_running()
        learner_services.start_agreement(agreement=proposal.agreement, actor=actor)
    elif action == "end":
        proposal.end(reason=reason)
        learner_services.end_agreement(
            agreement=proposal.agreement, actor=actor, reason=proposal.end_reason
        )
    elif action == "decline":
        proposal.decline(reason=reason)
        learner_services.move_learner(learner=learner, action="start_search", actor=actor)
        company = proposal.workplace.site.organisation
        if (
            exclude_company
            and not MatchExclusion.objects.filter(learner=learner, company=company).exists()
        ):
            MatchExclusion.objects.create(
                learner=learner,
                company=company,
                reason=proposal.end_reason,
                created_by=_user(actor),
            )
    proposal.full_clean(exclude=["learner", "workplace", "run", "agreement"])
    proposal.save()
    text = note or (proposal.end_reason if action in ("end", "decline") else "")
    _record(proposal, before, actor=actor, note=text)
    return proposal


def _record(proposal: Proposal, before: str, *, actor, note: str) -> ProposalTransition:
    transition = ProposalTransition.objects.create(
        proposal=proposal,
        from_status=before,
        to_status=proposal.status,
        by=_user(actor),
        note=note,
    )
    _mail_transition(proposal, transition)
    return transition


def contacts_of(*organisation_ids: int):
    """Active memberships with an e-mail address of these organisations."""
    today = timezone.localdate()
    return (
        Membership.objects.filter(organisation_id__in=organisation_ids)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .exclude(person__email="")
        .select_related("person", "organisation")
        .order_by("person__email")
    )


def _mail_transition(proposal: Proposal, transition: ProposalTransition) -> int:
    """One outbox row per contact of the learner's provider and of the company.

    Only the learner's first name and initial go in the mail (no notes: they may hold more);
    the school's contacts get a link to the proposal, the company's to the portal."""
    learner = proposal.learner
    workplace = proposal.workplace
    company_id = workplace.site.organisation_id
    context = {
        "learner_name": f"{learner.first_name} {learner.last_name[:1]}.".strip(),
        "status": proposal.get_status_display(),
        "introduction_on": proposal.introduction_on,
        "workplace": str(workplace),
        "path": reverse("matchmaking:proposal_detail", kwargs={"uuid": proposal.uuid}),
    }
    messages = []
    for membership in contacts_of(learner.provider_id, company_id):
        audience = "company" if membership.organisation_id == company_id else "school"
        messages.append(
            templated_message(
                "matchmaking_proposal_step",
                email=membership.person.email,
                name=membership.person.full_name,
                context={**context, "audience": audience},
            )
        )
    return enqueue_messages(batch=f"matchmaking-proposal-step-{transition.pk}", messages=messages)
