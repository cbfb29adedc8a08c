"""A matching run end to end: start → task → proposals and unmatched learners stored; retries,
the recorded failure, and a finished run that is never redone."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError

from matchmaking.models import (
    FixedMatch,
    MatchingRun,
    MatchingWeights,
    Proposal,
    Recognition,
    UnmatchedLearner,
)
from matchmaking.runs import services as runs_services
from matchmaking.runs import work as runs_work
from matchmaking.runs.tasks import run_matching_task
from steunpunt.core.models import JobFailure
from tests.factories import ProgrammeFactory
from tests.matchmaking.runs_factories import (
    BRUGGE,
    IZEGEM,
    KORTRIJK,
    ROESELARE,
    postcode,
    searching_learner,
    subregion,
    workplace_at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def midden():
    region = subregion("Midden-West-Vlaanderen")
    noord = subregion("Noord-West-Vlaanderen")
    zuid = subregion("Zuid-West-Vlaanderen")
    return {
        "region": region,
        "roeselare": postcode(ROESELARE, region),
        "izegem": postcode(IZEGEM, region),
        "brugge": postcode(BRUGGE, noord),
        "kortrijk": postcode(KORTRIJK, zuid),
        "elektro": ProgrammeFactory(name="Elektrische installaties"),
        "kapper": ProgrammeFactory(name="Kapper-stylist"),
    }


def _start(coordinator, region, *, dry_run, capture):
    with capture(execute=True):
        run = runs_services.start_run(subregion=region, dry_run=dry_run, actor=coordinator)
    run.refresh_from_db()
    return run


def test_a_run_stores_explained_proposals_and_the_reasons_of_the_rest(
    midden, coordinator, django_capture_on_commit_callbacks
):
    lies = searching_learner(midden["roeselare"], [midden["elektro"]], max_distance_km=20)
    kapper = searching_learner(midden["roeselare"], [midden["kapper"]], max_distance_km=25)
    place = workplace_at(midden["izegem"], midden["elektro"], places=3)
    workplace_at(midden["brugge"], midden["kapper"])  # 31 km away
    weights = MatchingWeights.current()
    weights.preference = 7
    weights.save()

    run = _start(
        coordinator, midden["region"], dry_run=True, capture=django_capture_on_commit_callbacks
    )

    assert run.status == MatchingRun.Status.DONE
    assert (run.progress, run.step) == (100, "Klaar")
    assert run.started_at and run.finished_at and run.attempts == 1
    assert run.weights["preference"] == 7
    assert (run.learners_count, run.proposals_count, run.unmatched_count) == (2, 1, 1)
    [proposal] = Proposal.objects.filter(run=run)
    assert (proposal.learner, proposal.workplace) == (lies, place)
    assert proposal.status == Proposal.Status.OPEN
    assert proposal.explanation.startswith("1e keuze, 7 km, erkend tot ")
    assert proposal.explanation.endswith("3 van 3 plaatsen vrij")
    [unmatched] = UnmatchedLearner.objects.filter(run=run)
    assert unmatched.learner == kapper
    assert unmatched.reason == (
        "geen erkende plaats voor Kapper-stylist binnen 25 km; dichtstbijzijnde 30 km in Brugge"
    )


def test_the_weights_are_copied_when_the_run_starts(midden, coordinator):
    run = runs_services.start_run(subregion=None, dry_run=True, actor=coordinator)
    weights = MatchingWeights.current()
    weights.distance = 50
    weights.save()
    run.refresh_from_db()
    assert run.weights["distance"] == 4.0
    assert run.subregion is None and run.scope_label == "hele provincie"


def test_a_fixed_match_is_respected(midden, coordinator, django_capture_on_commit_callbacks):
    learner = searching_learner(midden["roeselare"], [midden["elektro"]])
    near = workplace_at(midden["roeselare"], midden["elektro"])
    far = workplace_at(midden["kortrijk"], midden["elektro"])
    runs_services.fix_match(learner=learner, workplace=far, actor=coordinator)

    run = _start(
        coordinator, midden["region"], dry_run=True, capture=django_capture_on_commit_callbacks
    )

    [proposal] = run.proposals.all()
    assert proposal.workplace == far and proposal.fixed
    assert proposal.explanation.startswith("vastgezet, 1e keuze")
    assert near.pk != far.pk


def test_an_excluded_company_is_not_proposed(
    midden, coordinator, django_capture_on_commit_callbacks
):
    learner = searching_learner(midden["roeselare"], [midden["elektro"]])
    place = workplace_at(midden["izegem"], midden["elektro"])
    runs_services.exclude_company(
        learner=learner, company=place.site.organisation, reason="Ging niet", actor=coordinator
    )
    run = _start(
        coordinator, midden["region"], dry_run=True, capture=django_capture_on_commit_callbacks
    )
    assert not run.proposals.exists()
    assert "uitgesloten bedrijven" in run.unmatched.get().reason


def test_a_finished_run_is_not_redone(midden, coordinator, django_capture_on_commit_callbacks):
    searching_learner(midden["roeselare"], [midden["elektro"]])
    workplace_at(midden["izegem"], midden["elektro"])
    run = _start(
        coordinator, midden["region"], dry_run=False, capture=django_capture_on_commit_callbacks
    )
    first = list(run.proposals.values_list("pk", flat=True))

    assert run_matching_task.apply(args=[run.pk]).get() == "already finished"

    run.refresh_from_db()
    assert run.attempts == 1
    assert list(run.proposals.values_list("pk", flat=True)) == first


def test_a_failing_attempt_is_retried_then_succeeds(
    midden, coordinator, django_capture_on_commit_callbacks
):
    searching_learner(midden["roeselare"], [midden["elektro"]])
    workplace_at(midden["izegem"], midden["elektro"])
    real_solve = runs_work.engine.solve
    calls = []

    def flaky(problem):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("tijdelijk probleem")
        return real_solve(problem)

    with mock.patch.object(runs_work.engine, "solve", side_effect=flaky):
        run = _start(
            coordinator, midden["region"], dry_run=True, capture=django_capture_on_commit_callbacks
        )

    assert run.status == MatchingRun.Status.DONE
    assert run.attempts == 2
    assert run.proposals.count() == 1
    assert not JobFailure.objects.exists()


def test_a_run_that_keeps_failing_is_recorded(
    midden, coordinator, django_capture_on_commit_callbacks
):
    searching_learner(midden["roeselare"], [midden["elektro"]])
    with mock.patch.object(
        runs_work.engine, "solve", side_effect=OperationalError("de databank blijft weg")
    ):
        run = _start(
            coordinator, midden["region"], dry_run=True, capture=django_capture_on_commit_callbacks
        )

    assert run.status == MatchingRun.Status.FAILED
    assert run.attempts == 4  # the first attempt and three retries
    assert run.error == "OperationalError: de databank blijft weg"
    assert run.finished_at is not None
    failure = JobFailure.objects.get()
    assert failure.task_name == "matchmaking.runs.tasks.run_matching_task"
    assert "de databank blijft weg" in failure.exception


def test_a_bug_in_the_engine_fails_the_run_at_once(
    midden, coordinator, django_capture_on_commit_callbacks
):
    """Only errors that can pass are retried (the portal's task base); a bug fails at once."""
    searching_learner(midden["roeselare"], [midden["elektro"]])
    with mock.patch.object(runs_work.engine, "solve", side_effect=RuntimeError("de motor weigert")):
        run = _start(
            coordinator, midden["region"], dry_run=True, capture=django_capture_on_commit_callbacks
        )
    assert run.status == MatchingRun.Status.FAILED
    assert run.attempts == 1
    assert run.error == "RuntimeError: de motor weigert"
    assert JobFailure.objects.count() == 1


def test_a_fixed_match_needs_a_wished_programme_and_no_exclusion(midden, coordinator):
    learner = searching_learner(midden["roeselare"], [midden["elektro"]])
    kapsalon = workplace_at(midden["izegem"], midden["kapper"])
    with pytest.raises(ValidationError, match="niet voor een opleiding die de jongere wil"):
        runs_services.fix_match(learner=learner, workplace=kapsalon, actor=coordinator)

    place = workplace_at(midden["izegem"], midden["elektro"])
    other = workplace_at(midden["roeselare"], midden["elektro"])
    runs_services.fix_match(learner=learner, workplace=place, actor=coordinator)
    runs_services.fix_match(learner=learner, workplace=other, actor=coordinator, note="Beter")
    fixed = FixedMatch.objects.get()
    assert (fixed.workplace, fixed.note, fixed.created_by) == (other, "Beter", coordinator)

    runs_services.exclude_company(
        learner=learner, company=other.site.organisation, reason="Nee", actor=coordinator
    )
    assert not FixedMatch.objects.exists()  # the exclusion drops the fixed match with it
    with pytest.raises(ValidationError, match="uitgesloten"):
        runs_services.fix_match(learner=learner, workplace=other, actor=coordinator)


def test_a_recognition_without_end_date_is_explained_as_such(
    midden, coordinator, django_capture_on_commit_callbacks
):
    searching_learner(midden["roeselare"], [midden["elektro"]])
    place = workplace_at(midden["izegem"], midden["elektro"], places=1)
    Recognition.objects.filter(site=place.site).update(valid_until=None)

    run = _start(
        coordinator, midden["region"], dry_run=True, capture=django_capture_on_commit_callbacks
    )

    assert run.proposals.get().explanation == (
        "1e keuze, 7 km, erkend zonder einddatum, 1 van 1 plaatsen vrij"
    )
