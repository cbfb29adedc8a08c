"""Who receives campaign mailings and reminders, and the one-click unsubscribe link.

Every campaign mail carries `unsubscribe_url(email)` (a signed token: no login, no expiry, it
only ever unsubscribes) and the List-Unsubscribe headers; `school_contacts` leaves out whoever
unsubscribed, so all later mailings respect it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse

from steunpunt.core.models import Membership

from ..models import MailOptOut

UNSUBSCRIBE_SALT = "campaigns.unsubscribe"


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    school_id: int
    school_name: str


def unsubscribe_token(email: str) -> str:
    return signing.dumps(email.strip().lower(), salt=UNSUBSCRIBE_SALT, compress=True)


def email_from_token(token: str) -> str | None:
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


def unsubscribe_url(email: str) -> str:
    """Absolute URL of the one-click unsubscribe page (the view is campaigns:unsubscribe)."""
    path = reverse("campaigns:unsubscribe", kwargs={"token": unsubscribe_token(email)})
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_headers(email: str) -> dict:
    """RFC 8058 one-click headers for the outbox row."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(email)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def is_opted_out(email: str) -> bool:
    return MailOptOut.objects.filter(email__iexact=email.strip()).exists()


def opt_out(*, email: str) -> MailOptOut:
    """Idempotent: unsubscribing twice keeps the first date."""
    email = email.strip().lower()
    existing = MailOptOut.objects.filter(email__iexact=email).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return MailOptOut.objects.create(email=email)
    except IntegrityError:
        return MailOptOut.objects.get(email__iexact=email)


def school_contacts(schools) -> list[Recipient]:
    """The current contacts (active membership, with an e-mail address) of these schools,
    one per address, without those who unsubscribed. Two queries."""
    opted_out = {e.lower() for e in MailOptOut.objects.values_list("email", flat=True)}
    memberships = (
        Membership.objects.filter(organisation__in=schools, ended_on__isnull=True)
        .exclude(person__email="")
        .select_related("person", "organisation")
        .order_by("organisation__name", "-is_primary_contact", "person__last_name", "pk")
    )
    seen, recipients = set(), []
    for membership in memberships:
        email = membership.person.email.strip().lower()
        if email in opted_out or email in seen:
            continue
        seen.add(email)
        recipients.append(
            Recipient(
                email=email,
                name=f"{membership.person.first_name} {membership.person.last_name}".strip(),
                school_id=membership.organisation_id,
                school_name=membership.organisation.name,
            )
        )
    return recipients
