"""The iCal feed of a campaign's moments (public, like the campaign page)."""

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from ..campaign.access import get_public_campaign
from .ics import render_campaign_ics


@require_GET
def calendar_ics(request, slug):
    campaign = get_public_campaign(slug)
    body = render_campaign_ics(campaign, campaign.moments.order_by("date", "start_time", "pk"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{campaign.slug}.ics"'
    return response
