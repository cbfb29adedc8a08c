import pytest
from django.contrib.auth.models import Group

from steunpunt.accounts.roles import Role
from steunpunt.accounts.services import create_portal_user, revoke_role
from steunpunt.core.access import organisations_for_user, scope_to_user
from steunpunt.core.models import Site

pytestmark = pytest.mark.django_db


def test_every_role_is_a_group():
    names = set(Group.objects.values_list("name", flat=True))
    assert {role.group_name for role in Role} <= names


def test_coordinators_manage_the_core_in_the_admin():
    group = Group.objects.get(name=Role.COORDINATOR.group_name)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {
        "change_organisation",
        "add_person",
        "view_historicalperson",
        "change_site",
    } <= codenames
    pof = Group.objects.get(name=Role.POF_SECRETARIAT.group_name)
    assert not pof.permissions.filter(content_type__app_label="core").exists()


def test_staff_roles_get_admin_access_and_lose_it_on_revoke():
    user = create_portal_user(email="Jan.Peeters@Voorbeeld.BE", role=Role.COORDINATOR)
    assert user.email == "jan.peeters@voorbeeld.be"
    assert user.is_staff and user.is_coordinator
    assert not user.has_usable_password()  # logs in by code until a password is set
    revoke_role(user=user, role=Role.COORDINATOR)
    user.refresh_from_db()
    assert not user.is_staff
    assert not user.has_role(Role.COORDINATOR)


def test_contacts_are_not_staff(school_contact, company_contact):
    assert not school_contact.is_staff
    assert school_contact.has_role(Role.SCHOOL_CONTACT)
    assert not school_contact.has_role(Role.COORDINATOR, Role.COMPANY_CONTACT)
    assert company_contact.has_role(Role.COMPANY_CONTACT)


def test_inactive_users_hold_no_role(school_contact):
    school_contact.is_active = False
    assert not school_contact.has_role(Role.SCHOOL_CONTACT)


def test_scoping_gives_contacts_only_their_own_organisation(cast):
    school, other = cast["school"], cast["other_school"]
    assert list(organisations_for_user(cast["school_contact"])) == [school]
    assert list(organisations_for_user(cast["outsider"])) == [other]
    assert set(organisations_for_user(cast["coordinator"])) >= {school, other}
    assert not organisations_for_user(cast["pof_secretary"]).exists()

    sites = scope_to_user(Site.objects.all(), cast["school_contact"])
    assert {s.organisation for s in sites} == {school}
    assert scope_to_user(Site.objects.all(), cast["coordinator"]).count() == Site.objects.count()


def test_an_ended_membership_ends_access(cast):
    membership = cast["school_contact"].person.memberships.get()
    membership.ended_on = membership.started_on or __import__("datetime").date(2026, 1, 1)
    membership.save()
    assert not organisations_for_user(cast["school_contact"]).exists()
