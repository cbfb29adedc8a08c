"""Who may see which learner file (STYLE.md: one helper per model, 404 for outsiders).

Learner files are personal data of (mostly) minors: coordinators see all of them, the contacts
of a provider only the learners whose current provider is one of their organisations, and
nobody else any.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from steunpunt.accounts.roles import Role
from steunpunt.core.access import organisations_for_user
from steunpunt.core.models import Organisation

from ..models import Learner

# Who works with learner files (the learner pages and the risk and waiting lists).
LEARNER_ROLES = (Role.COORDINATOR, Role.SCHOOL_CONTACT)


def learners_for_user(user) -> QuerySet[Learner]:
    learners = Learner.objects.select_related("provider", "postcode")
    if not user.is_authenticated:
        return learners.none()
    if user.has_role(Role.COORDINATOR):
        return learners
    if not user.has_role(Role.SCHOOL_CONTACT):
        return learners.none()
    providers = organisations_for_user(user).filter(kind__in=Organisation.PROVIDER_KINDS)
    return learners.filter(provider__in=providers.values("pk"))


def get_learner_for_user(user, uuid) -> Learner:
    return get_object_or_404(learners_for_user(user), uuid=uuid)
