"""Access matrix: the campaign page, calendar (iCal), school hub and checklist, participation
report and feedback.

The school pages act for the user's own school (the outsider is a school contact too, so it
sees its own school's page); a coordinator names the school (?school=<uuid>), without one it
is sent to the participation report. Another school's page is a 404
(tests/campaigns/test_checklist.py).
"""

from tests.access.rules import FORBIDDEN, LOGIN, OK, Rule, public


def _campaign(cast):
    from tests.campaigns.factories import CampaignFactory

    return {"slug": CampaignFactory(slug="steek-een-poot-uit-matrix").slug}


SCHOOL_PAGE = Rule(
    FORBIDDEN,
    kwargs=_campaign,
    per_role={
        "anonymous": LOGIN,
        "coordinator": OK,  # names no school: redirected to the participation report
        "school_contact": OK,
        "outsider": OK,  # its own school
    },
)

RULES: dict[str, Rule] = {
    "campaigns:campaign_list": public(),
    "campaigns:campaign_detail": public(kwargs=_campaign),
    "campaigns:calendar_ics": public(kwargs=_campaign),
    "campaigns:feedback": public(kwargs=_campaign),
    "campaigns:school_home": SCHOOL_PAGE,
    "campaigns:checklist": SCHOOL_PAGE,
    "campaigns:staff_participation": Rule(
        FORBIDDEN, kwargs=_campaign, per_role={"anonymous": LOGIN, "coordinator": OK}
    ),
}
ADMIN_NEVER = ("admin:campaigns_feedback_add",)  # reactions come in through the public form


def admin_objects(cast):
    from campaigns.campaign import services as campaign_services
    from tests.campaigns.factories import (
        CampaignFactory,
        CampaignMomentFactory,
        FeedbackFactory,
        ParticipationFactory,
    )

    campaign = CampaignFactory(slug="steek-een-poot-uit-admin")
    CampaignMomentFactory(campaign=campaign)
    FeedbackFactory(campaign=campaign)
    campaign_services.add_default_checklist(campaign=campaign)
    participation = ParticipationFactory(campaign=campaign, school=cast["school"])
    campaign_services.tick_item(
        campaign=campaign,
        school=participation.school,
        item=campaign.checklist_items.first(),
        done=True,
        actor=None,
    )
