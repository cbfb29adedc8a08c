"""steunpunt.accounts.roles: the one place that says who holds a role, for every kind of user."""

import pytest
from django.contrib.auth.models import AnonymousUser

from steunpunt.accounts import roles
from steunpunt.accounts.models import User
from steunpunt.accounts.permissions import user_has_role
from steunpunt.accounts.roles import Role

pytestmark = pytest.mark.django_db

# Which check says yes for which member of the cast (everything else says no).
EXPECTED = {
    "is_coordinator": {"coordinator"},
    "is_staff_member": {"coordinator", "pof_secretary"},
    "is_school_contact": {"school_contact", "outsider"},  # the outsider: another school's
    "is_company_contact": {"company_contact"},
}
PEOPLE = (
    "anonymous",
    "coordinator",
    "pof_secretary",
    "school_contact",
    "company_contact",
    "partner_contact",
    "outsider",
)


@pytest.mark.parametrize("check", sorted(EXPECTED))
def test_each_check_says_yes_only_to_its_roles(cast, check):
    answers = {who: getattr(roles, check)(cast[who] or AnonymousUser()) for who in PEOPLE}
    assert answers == {who: who in EXPECTED[check] for who in PEOPLE}
    assert all(isinstance(answer, bool) for answer in answers.values())


def test_none_and_anonymous_hold_no_role():
    for user in (None, AnonymousUser()):
        assert not roles.has_role(user, *Role)
        assert not roles.is_coordinator(user)
        assert not user_has_role(user, tuple(Role))


def test_a_superuser_counts_as_coordinator_but_holds_no_other_role(db):
    boss = User.objects.create_superuser(email="baas@steunpunt.test", password="x" * 16)
    assert roles.is_coordinator(boss)
    assert boss.is_coordinator
    assert not roles.is_school_contact(boss)


def test_an_inactive_coordinator_is_no_coordinator(coordinator):
    coordinator.is_active = False
    assert not roles.is_coordinator(coordinator)
    assert not roles.is_staff_member(coordinator)
    assert not coordinator.is_coordinator


def test_the_model_property_and_the_permission_helper_follow_the_role_module(cast):
    """User.is_coordinator (for templates) and user_has_role (the view decorators) give the
    same answers as the role module, so the rule lives in one place."""
    for who in PEOPLE:
        user = cast[who]
        if user is None:
            continue
        assert user.is_coordinator == roles.is_coordinator(user), who
        assert user_has_role(user, Role.staff_roles()) == roles.is_staff_member(user), who
