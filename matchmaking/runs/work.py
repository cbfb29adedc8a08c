"""The matching run itself, what runs/tasks.py runs in the worker (services → tasks → work).

`claim_run` moves a queued run to running (or says it is already finished), `execute_run`
builds the problem, solves it and stores the proposals, `fail_run` records the final failure.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import engine
from ..models import MatchingRun, Proposal, UnmatchedLearner
from .matching import build_problem, polish_explanation


def _progress(run: MatchingRun, progress: int, step: str) -> None:
    """Written outside the run's transaction, so the run page sees it while the run works."""
    MatchingRun.objects.filter(pk=run.pk).update(progress=progress, step=step)


def claim_run(run_id: int) -> MatchingRun | None:
    """queued (or running: a retry after a crash) → running; None when already finished."""
    with transaction.atomic():
        run = MatchingRun.objects.select_for_update().get(pk=run_id)
        if run.is_finished:
            return None
        run.status = MatchingRun.Status.RUNNING
        run.started_at = run.started_at or timezone.now()
        run.attempts += 1
        run.progress, run.step = 5, _("Gestart")
        run.save(update_fields=["status", "started_at", "attempts", "progress", "step"])
    return run


def execute_run(*, run: MatchingRun) -> MatchingRun:
    """Build the problem, solve it and store the proposals and the learners left without one."""
    _progress(run, 10, _("Zoekende jongeren en vrije werkplekken ophalen"))
    built = build_problem(run.subregion, weights=run.weights or None)
    problem = built.problem
    _progress(run, 40, _("De beste combinatie berekenen"))
    result = engine.solve(problem)
    _progress(run, 80, _("Voorstellen bewaren"))
    with transaction.atomic():
        run = MatchingRun.objects.select_for_update().get(pk=run.pk)
        if run.is_finished:
            return run
        run.proposals.all().delete()
        run.unmatched.all().delete()
        Proposal.objects.bulk_create(
            Proposal(
                run=run,
                learner_id=proposal.learner_id,
                workplace_id=proposal.place_id,
                cost=proposal.cost,
                explanation=polish_explanation(proposal.explanation),
                fixed=proposal.fixed,
            )
            for proposal in result.proposals
        )
        reasons = {**built.skipped, **result.unmatched}
        UnmatchedLearner.objects.bulk_create(
            UnmatchedLearner(run=run, learner_id=learner_id, reason=reason)
            for learner_id, reason in reasons.items()
        )
        run.learners_count = len(problem.learners) + len(built.skipped)
        run.places_count = len(problem.places)
        run.proposals_count = len(result.proposals)
        run.unmatched_count = len(reasons)
        run.status = MatchingRun.Status.DONE
        run.progress, run.step = 100, _("Klaar")
        run.finished_at = timezone.now()
        run.error = ""
        run.save()
    return run


def fail_run(*, run_id: int, error: str) -> None:
    MatchingRun.objects.filter(pk=run_id).exclude(status=MatchingRun.Status.DONE).update(
        status=MatchingRun.Status.FAILED,
        step=_("Mislukt"),
        error=error[:5000] or _("Onbekende fout"),
        finished_at=timezone.now(),
    )
