"""Writes on accounts: creating portal users and granting roles."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from .models import User
from .roles import Role, is_staff_member


@transaction.atomic
def create_portal_user(
    *,
    email: str,
    role: Role,
    actor: User | None = None,
    person=None,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Create (or update) a login with one role; staff roles get admin access.

    The e-mail address counts as verified: a coordinator created the account for this person,
    and login by code proves ownership at the first login anyway.
    """
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, first_name=first_name, last_name=last_name)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean()
        if actor is not None:
            user._history_user = actor
        user.save()
    elif password:
        user.set_password(password)
        user.save(update_fields=["password"])
    grant_role(user=user, role=role, actor=actor)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if person is not None and person.user_id != user.pk:
        person.user = user
        if actor is not None:
            person._history_user = actor
        person.save(update_fields=["user"])
    return user


@transaction.atomic
def grant_role(*, user: User, role: Role, actor: User | None = None) -> None:
    group = Group.objects.get_or_create(name=role.group_name)[0]
    user.groups.add(group)
    if role in Role.staff_roles() and not user.is_staff:
        user.is_staff = True
        if actor is not None:
            user._history_user = actor
        user.save(update_fields=["is_staff"])
    user.__dict__.pop("_role_group_names", None)


@transaction.atomic
def revoke_role(*, user: User, role: Role, actor: User | None = None) -> None:
    user.groups.remove(Group.objects.get(name=role.group_name))
    user.__dict__.pop("_role_group_names", None)
    if user.is_staff and not user.is_superuser and not is_staff_member(user):
        user.is_staff = False
        user.save(update_fields=["is_staff"])
