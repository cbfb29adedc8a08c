"""Mail to the Steunpunt's coordinators through the outbox (notifications and warnings).

Every coordinator with an active account gets their own outbox row; when there is none (a
fresh install), the Steunpunt's contact address gets it, so no notification is lost.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from steunpunt.accounts.roles import Role


def coordinator_recipients() -> list[tuple[str, str]]:
    """(e-mail, name) of every active coordinator; the portal's contact address without any."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.COORDINATOR.group_name)
        .exclude(email="")
        .order_by("email")
    )
    recipients = [(user.email, user.get_full_name()) for user in users]
    return recipients or [(settings.PORTAL_CONTACT_EMAIL, settings.PORTAL_NAME)]
