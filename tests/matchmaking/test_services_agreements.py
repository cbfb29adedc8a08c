"""Registering, starting and ending agreements: the learner's status and the workplace follow."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from matchmaking.learners import services as learner_services
from matchmaking.models import Agreement, IllegalTransition, Learner, Workplace
from tests.matchmaking.factories import LearnerFactory, WorkplaceFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _register(learner, workplace, actor, **overrides):
    fields = {"type": "oao", "start_date": TODAY, "hours_per_week": 28, **overrides}
    return learner_services.register_agreement(
        learner=learner, workplace=workplace, actor=actor, **fields
    )


def test_the_learner_and_workplace_follow_the_agreement(coordinator):
    workplace = WorkplaceFactory(places=1)
    learner = LearnerFactory(status="introduction", readiness="arbeidsrijp")
    agreement = _register(learner, workplace, coordinator)
    assert (agreement.site, agreement.programme) == (workplace.site, workplace.programme)
    assert Learner.objects.get(pk=learner.pk).status == "agreement"
    assert Workplace.objects.get(pk=workplace.pk).status == "full"

    learner_services.start_agreement(agreement=agreement, actor=coordinator)
    assert Learner.objects.get(pk=learner.pk).status == "running"

    learner_services.end_agreement(agreement=agreement, actor=coordinator, reason="Diploma behaald")
    learner.refresh_from_db()
    assert (learner.status, learner.end_reason) == ("ended", "Diploma behaald")
    assert Agreement.objects.get(pk=agreement.pk).status == "ended"


def test_a_workplace_with_places_left_stays_open(coordinator):
    workplace = WorkplaceFactory(places=2)
    _register(LearnerFactory(status="introduction"), workplace, coordinator)
    assert Workplace.objects.get(pk=workplace.pk).status == "open"


def test_an_agreement_needs_an_introduction_first(coordinator):
    learner = LearnerFactory(status="searching")
    with pytest.raises(IllegalTransition, match="volgt op een kennismaking"):
        _register(learner, WorkplaceFactory(), coordinator)
    assert not Agreement.objects.exists()


def test_a_wrong_type_is_refused_and_nothing_changes(coordinator):
    learner = LearnerFactory(status="introduction")
    with pytest.raises(ValidationError, match="minstens 20 uur"):
        _register(learner, WorkplaceFactory(), coordinator, hours_per_week=12)
    assert Learner.objects.get(pk=learner.pk).status == "introduction"
    assert not Agreement.objects.exists()
