"""Who may see which mailing: coordinators only (everyone else: 404 on top of the role check)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from steunpunt.accounts.roles import is_coordinator

from ..models import Mailing


def mailings_for_user(user) -> QuerySet[Mailing]:
    if not is_coordinator(user):
        return Mailing.objects.none()
    return Mailing.objects.select_related("campaign", "subregion", "created_by", "sent_by")


def get_mailing_for_user(user, uuid) -> Mailing:
    return get_object_or_404(mailings_for_user(user), uuid=uuid)
