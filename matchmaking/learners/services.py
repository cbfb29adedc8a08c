"""Writes of the learners tool: learner files, their wishes and their agreements.

Each service is keyword-only with an `actor`, runs in its own transaction, validates with
`full_clean()` before saving, and leaves an audit record (simple_history for every change of a
learner or agreement; a LearnerAccess row for every view of a learner).
"""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from steunpunt.core.models import Programme, Site

from ..common.history import save_with_history
from ..models import (
    Agreement,
    IllegalTransition,
    Learner,
    LearnerAccess,
    LearnerWish,
    Workplace,
)

# Learner status changes a caller may ask for by name, with the keyword arguments they take.
LEARNER_ACTIONS = {
    "screen": Learner.screen,
    "start_search": Learner.start_search,
    "propose": Learner.propose,
    "plan_introduction": Learner.plan_introduction,
    "sign_agreement": Learner.sign_agreement,
    "start_running": Learner.start_running,
    "end": Learner.end,
    "refer": Learner.refer,
}


# Learners


def record_learner_access(
    *, learner: Learner, user, action: str = LearnerAccess.Action.VIEW, what: str = ""
) -> LearnerAccess:
    """Log that `user` viewed (or exported, changed) a learner file; every learner view calls it."""
    return LearnerAccess.objects.create(
        learner=learner,
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        what=what[:200],
    )


def _set_wishes(learner: Learner, programmes: Sequence[Programme]) -> None:
    if len({p.pk for p in programmes}) != len(programmes):
        raise ValidationError(_("Elke opleiding mag maar één keer in de wensen staan."))
    learner.wishes.all().delete()
    LearnerWish.objects.bulk_create(
        LearnerWish(learner=learner, programme=programme, rank=rank)
        for rank, programme in enumerate(programmes, start=1)
    )


@transaction.atomic
def register_learner(*, actor, programmes: Sequence[Programme] = (), **fields) -> Learner:
    """A new learner file, with the wished programmes in order of preference (first = rank 1)."""
    learner = Learner(**fields)
    learner.full_clean()
    save_with_history(learner, actor=actor, reason=_("Aangemeld"))
    _set_wishes(learner, list(programmes))
    record_learner_access(learner=learner, user=actor, action=LearnerAccess.Action.CREATE)
    return learner


@transaction.atomic
def update_learner(
    *, learner: Learner, actor, programmes: Sequence[Programme] | None = None, **fields
) -> Learner:
    """Change fields of a learner file (not its status: see `move_learner`)."""
    if "status" in fields:
        raise ValidationError(_("De status wijzig je met een statuswijziging, niet hier."))
    for name, value in fields.items():
        setattr(learner, name, value)
    learner.full_clean()
    save_with_history(learner, actor=actor)
    if programmes is not None:
        _set_wishes(learner, list(programmes))
    record_learner_access(
        learner=learner, user=actor, action=LearnerAccess.Action.CHANGE, what=", ".join(fields)
    )
    return learner


@transaction.atomic
def move_learner(*, learner: Learner, action: str, actor, **params) -> Learner:
    """Apply one status change (see LEARNER_ACTIONS); refused changes raise IllegalTransition."""
    if action not in LEARNER_ACTIONS:
        raise IllegalTransition(_("Onbekende statuswijziging."))
    learner = Learner.objects.select_for_update().get(pk=learner.pk)
    if action == "screen":
        params.setdefault("by", actor)
    LEARNER_ACTIONS[action](learner, **params)
    learner.full_clean()
    save_with_history(learner, actor=actor, reason=learner.get_status_display())
    record_learner_access(
        learner=learner, user=actor, action=LearnerAccess.Action.CHANGE, what=f"status: {action}"
    )
    return learner


# Agreements


@transaction.atomic
def register_agreement(
    *,
    learner: Learner,
    actor,
    type: str,
    start_date: date,
    hours_per_week: int,
    workplace: Workplace | None = None,
    site: Site | None = None,
    programme: Programme | None = None,
    end_date: date | None = None,
) -> Agreement:
    """Register a signed agreement; the learner moves to "agreement" and a workplace whose
    places are all taken becomes full."""
    learner = Learner.objects.select_for_update().get(pk=learner.pk)
    if workplace is not None:
        workplace = Workplace.objects.select_for_update().get(pk=workplace.pk)
        site, programme = site or workplace.site, programme or workplace.programme
    agreement = Agreement(
        learner=learner,
        workplace=workplace,
        site=site,
        programme=programme,
        type=type,
        start_date=start_date,
        end_date=end_date,
        hours_per_week=hours_per_week,
        registered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    agreement.full_clean()
    learner.sign_agreement()
    save_with_history(learner, actor=actor, reason=learner.get_status_display())
    save_with_history(agreement, actor=actor)
    if workplace is not None and workplace.status == Workplace.Status.OPEN:
        taken = workplace.agreements.filter(
            status__in=[Agreement.Status.SIGNED, Agreement.Status.RUNNING]
        ).count()
        if taken >= workplace.places:
            workplace.mark_full()
            save_with_history(workplace, actor=actor, reason=_("Alle plaatsen ingevuld"))
    record_learner_access(
        learner=learner, user=actor, action=LearnerAccess.Action.CHANGE, what="overeenkomst"
    )
    return agreement


@transaction.atomic
def start_agreement(*, agreement: Agreement, actor) -> Agreement:
    """The learner starts at the workplace: agreement and learner both become "running"."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    learner = Learner.objects.select_for_update().get(pk=agreement.learner_id)
    agreement.start()
    learner.start_running()
    save_with_history(agreement, actor=actor)
    save_with_history(learner, actor=actor, reason=learner.get_status_display())
    return agreement


@transaction.atomic
def end_agreement(*, agreement: Agreement, actor, reason: str, on: date | None = None) -> Agreement:
    """End an agreement; the learner file ends with it (same reason and date)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    learner = Learner.objects.select_for_update().get(pk=agreement.learner_id)
    agreement.end(reason=reason, on=on)
    agreement.full_clean()
    save_with_history(agreement, actor=actor)
    if learner.status in (Learner.Status.AGREEMENT, Learner.Status.RUNNING):
        learner.end(reason=reason, on=agreement.end_date)
        save_with_history(learner, actor=actor, reason=learner.get_status_display())
    return agreement
