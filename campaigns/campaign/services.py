"""Writes on campaigns and participations (the other campaign tools build on these)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from steunpunt.core.models import Organisation

from .models import Campaign, Participation


def current_campaign() -> Campaign | None:
    """The active campaign a school works in (the most recent one if several are active)."""
    return Campaign.objects.active().order_by("-starts_on", "-pk").first()


def join_campaign(*, campaign: Campaign, school: Organisation, actor=None) -> Participation:
    """The school takes part in the campaign; idempotent (a second call returns the same row)."""
    if school.kind not in Organisation.PROVIDER_KINDS:
        raise ValidationError(
            _("Alleen scholen en opleidingsverstrekkers doen mee aan een campagne.")
        )
    if campaign.status != Campaign.Status.ACTIVE:
        raise ValidationError(_("Deze campagne loopt niet (meer)."))
    existing = Participation.objects.filter(campaign=campaign, school=school).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            contact = None
            if actor is not None and actor.is_authenticated:
                contact = getattr(actor, "person", None)
            return Participation.objects.create(
                campaign=campaign, school=school, contact_person=contact
            )
    except IntegrityError:  # two contacts of the school at the same moment
        return Participation.objects.get(campaign=campaign, school=school)


@transaction.atomic
def set_campaign_status(*, campaign: Campaign, status: str, actor=None) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if status == Campaign.Status.ACTIVE:
        campaign.activate()
    elif status == Campaign.Status.CLOSED:
        campaign.close()
    campaign.save(update_fields=["status"])
    return campaign


def bump_kit_version(*, campaign: Campaign) -> int:
    """A digital file changed: the next ZIP of the kit is a new version."""
    from django.db.models import F

    Campaign.objects.filter(pk=campaign.pk).update(kit_version=F("kit_version") + 1)
    campaign.refresh_from_db(fields=["kit_version"])
    return campaign.kit_version
