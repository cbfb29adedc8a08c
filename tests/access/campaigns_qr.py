"""Access matrix: the short tracked links of the info point (/q/<code>)."""

from tests.access.rules import Rule, public


def _code(cast):
    from campaigns.qr.services import save_info_panel
    from tests.campaigns.factories import CampaignFactory
    from tests.campaigns.qr_factories import InfoPanelFactory

    panel = save_info_panel(
        panel=InfoPanelFactory.build(
            campaign=CampaignFactory(), target_path="/quiz/", target_url=""
        )
    )
    return {"code": panel.codes.get().code}


RULES: dict[str, Rule] = {
    # Everyone who scans lands on the panel's target (here the quiz page).
    "qr:scan": public(kwargs=_code),
}
# Codes are made per panel and per school kit; scans are counted by /q/<code> only.
ADMIN_NEVER = ("admin:campaigns_qrcode_add", "admin:campaigns_qrscancount_add")


def admin_objects(cast):
    from campaigns.qr.services import ensure_school_codes, record_scan, save_info_panel
    from tests.campaigns.factories import ParticipationFactory
    from tests.campaigns.qr_factories import InfoPanelFactory

    participation = ParticipationFactory(school=cast["school"])
    panel = save_info_panel(panel=InfoPanelFactory.build(campaign=participation.campaign))
    (code,) = ensure_school_codes(participation=participation)
    record_scan(code=code.code)
    assert panel.codes.count() == 2
