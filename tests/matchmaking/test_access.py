"""Who sees which matchmaking rows: learners (coordinators all, a school contact only its own
provider's), workplaces and recognitions (coordinators and the company), candidates
(coordinators only). Everyone else gets an empty list and a 404."""

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from matchmaking.candidates.access import candidates_for_user, get_candidate_for_user
from matchmaking.companies.access import (
    get_recognition_for_user,
    get_workplace_for_user,
    recognitions_for_user,
    workplaces_for_user,
)
from matchmaking.learners.access import get_learner_for_user, learners_for_user
from matchmaking.models import Recognition
from tests.factories import MembershipFactory
from tests.matchmaking.factories import (
    CandidateCompanyFactory,
    LearnerFactory,
    WorkplaceFactory,
)

pytestmark = pytest.mark.django_db

NOBODY = ("outsider", "company_contact", "partner_contact", "pof_secretary")


@pytest.fixture
def learners(cast):
    return {
        "own": LearnerFactory(provider=cast["school"]),
        "other": LearnerFactory(provider=cast["other_school"]),
    }


def test_coordinator_sees_every_learner(cast, learners):
    assert set(learners_for_user(cast["coordinator"])) == set(learners.values())
    assert get_learner_for_user(cast["coordinator"], learners["other"].uuid) == learners["other"]


def test_a_school_contact_sees_only_its_providers_learners(cast, learners):
    assert list(learners_for_user(cast["school_contact"])) == [learners["own"]]
    assert get_learner_for_user(cast["school_contact"], learners["own"].uuid) == learners["own"]
    with pytest.raises(Http404):
        get_learner_for_user(cast["school_contact"], learners["other"].uuid)


def test_a_school_contact_whose_membership_ended_sees_nothing(cast, learners):
    cast["school_contact"].person.memberships.update(ended_on="2020-01-01")
    assert not learners_for_user(cast["school_contact"]).exists()


@pytest.mark.parametrize("role", NOBODY)
def test_everyone_else_sees_no_learner(cast, learners, role):
    user = cast[role]
    visible = set(learners_for_user(user))
    if role == "outsider":  # a school contact too, but of the other school
        assert visible == {learners["other"]}
        with pytest.raises(Http404):
            get_learner_for_user(user, learners["own"].uuid)
        return
    assert visible == set()
    with pytest.raises(Http404):
        get_learner_for_user(user, learners["own"].uuid)


def test_a_company_contact_who_is_also_member_of_a_school_sees_no_learners(cast, learners):
    """Learner files follow the school-contact role, not a membership alone."""
    MembershipFactory(person=cast["company_contact"].person, organisation=cast["school"])
    assert not learners_for_user(cast["company_contact"]).exists()


def test_anonymous_sees_nothing(learners):
    assert not learners_for_user(AnonymousUser()).exists()
    with pytest.raises(Http404):
        get_learner_for_user(AnonymousUser(), learners["own"].uuid)


def test_an_unknown_learner_is_a_404(cast):
    with pytest.raises(Http404):
        get_learner_for_user(cast["coordinator"], uuid.uuid4())


def test_workplaces_and_recognitions_belong_to_the_company(cast):
    own = WorkplaceFactory(site__organisation=cast["company"])
    other = WorkplaceFactory()
    own_recognition = Recognition.objects.get(site=own.site)
    assert set(workplaces_for_user(cast["coordinator"])) == {own, other}
    assert list(workplaces_for_user(cast["company_contact"])) == [own]
    assert get_workplace_for_user(cast["company_contact"], own.uuid) == own
    assert list(recognitions_for_user(cast["company_contact"])) == [own_recognition]
    assert get_recognition_for_user(cast["company_contact"], own_recognition.pk)
    with pytest.raises(Http404):
        get_workplace_for_user(cast["company_contact"], other.uuid)
    for role in ("school_contact", "outsider", "partner_contact", "pof_secretary"):
        assert not workplaces_for_user(cast[role]).exists()
        with pytest.raises(Http404):
            get_workplace_for_user(cast[role], own.uuid)
        with pytest.raises(Http404):
            get_recognition_for_user(cast[role], own_recognition.pk)


def test_candidates_are_for_coordinators_only(cast):
    candidate = CandidateCompanyFactory()
    assert list(candidates_for_user(cast["coordinator"])) == [candidate]
    assert get_candidate_for_user(cast["coordinator"], candidate.uuid) == candidate
    for role in ("school_contact", "company_contact", "partner_contact", "pof_secretary"):
        with pytest.raises(Http404):
            get_candidate_for_user(cast[role], candidate.uuid)
    assert not candidates_for_user(AnonymousUser()).exists()
