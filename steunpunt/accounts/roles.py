"""Roles are Django groups. This module names them and keeps their permissions in step."""

import enum

from django.utils.translation import gettext_lazy as _


class Role(enum.Enum):
    COORDINATOR = ("coordinator", _("Coördinator Steunpunt"))
    POF_SECRETARIAT = ("pof_secretariat", _("POF-secretariaat"))
    SCHOOL_CONTACT = ("school_contact", _("Contactpersoon school"))
    COMPANY_CONTACT = ("company_contact", _("Contactpersoon onderneming"))
    PARTNER_CONTACT = ("partner_contact", _("Contactpersoon partnerorganisatie"))

    def __init__(self, key, label):
        self.key = key
        self.label = label

    @property
    def group_name(self) -> str:
        return str(self.label)

    @classmethod
    def staff_roles(cls) -> tuple["Role", ...]:
        return (cls.COORDINATOR, cls.POF_SECRETARIAT)


# --- Role checks: the one place that says who holds a role ---------------------------------------
# Each takes any request user (AnonymousUser included: never a role) and returns a bool. A
# superuser counts as coordinator; an inactive user holds no role (User.has_role).


def has_role(user, *roles: Role) -> bool:
    """True when `user` is logged in and holds one of `roles`."""
    return bool(user is not None and user.is_authenticated and user.has_role(*roles))


def is_coordinator(user) -> bool:
    return has_role(user, Role.COORDINATOR)


def is_staff_member(user) -> bool:
    """A coordinator or the POF secretariat: the Steunpunt's staff roles."""
    return has_role(user, *Role.staff_roles())


def is_school_contact(user) -> bool:
    return has_role(user, Role.SCHOOL_CONTACT)


def is_company_contact(user) -> bool:
    return has_role(user, Role.COMPANY_CONTACT)


# Apps whose every model coordinators manage in the admin.
COORDINATOR_APP_LABELS = (
    "accounts",
    "core",
    "content",
    "inbox",
    "dashboard",
    "campaigns",
    "infotools",
    "matchmaking",
    "network",
    "pof",
    "django_celery_beat",
    "account",
    "mfa",
)
POF_SECRETARIAT_APP_LABELS = ("network", "pof")


def ensure_role_groups(sender=None, **kwargs):
    """Create the role groups and grant staff roles the permissions on their apps (post_migrate)."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    # This handler may run before auth's own for the same app (INSTALLED_APPS order): create
    # the app's permissions first, so the last app migrated is not left out of the groups.
    if kwargs.get("app_config") is not None:
        create_permissions(
            kwargs["app_config"],
            verbosity=0,
            using=kwargs.get("using", "default"),
            apps=kwargs.get("apps", global_apps),
        )

    groups = {role: Group.objects.get_or_create(name=role.group_name)[0] for role in Role}
    coordinator_perms = Permission.objects.filter(
        content_type__app_label__in=COORDINATOR_APP_LABELS
    ).exclude(content_type__app_label="mfa", codename__startswith="add_")
    # Coordinators see the role groups (to assign them to users) but cannot change them.
    view_groups = Permission.objects.filter(content_type__app_label="auth", codename="view_group")
    groups[Role.COORDINATOR].permissions.set([*coordinator_perms, *view_groups])
    groups[Role.POF_SECRETARIAT].permissions.set(
        Permission.objects.filter(content_type__app_label__in=POF_SECRETARIAT_APP_LABELS)
    )
