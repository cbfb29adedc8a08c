"""Access matrix: the digital kit (public for a running campaign) and a school's info point
(its own QR codes and panels PDF: the school's contacts and coordinators; others get a 404)."""

from tests.access.rules import FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Rule, public


def _kit_file(cast):
    from tests.campaigns.factories import MaterialFileFactory

    return MaterialFileFactory()


def _campaign(cast):
    return {"slug": _kit_file(cast).material.campaign.slug}


def _file(cast):
    return {"uuid": _kit_file(cast).uuid}


def _school_code(cast):
    """The cast school takes part and its info point has one panel (with the school's code)."""
    from campaigns.qr.services import ensure_school_codes
    from tests.campaigns.factories import ParticipationFactory
    from tests.campaigns.qr_factories import InfoPanelFactory

    participation = ParticipationFactory(school=cast["school"])
    InfoPanelFactory(campaign=participation.campaign)
    (code,) = ensure_school_codes(participation=participation)
    return participation, code


def _participation(cast):
    return {"uuid": _school_code(cast)[0].uuid}


def _school_image(cast):
    participation, code = _school_code(cast)
    return {"uuid": participation.uuid, "code": code.code}


def _general_image(cast):
    from campaigns.qr.services import save_info_panel
    from tests.campaigns.qr_factories import InfoPanelFactory

    panel = save_info_panel(
        panel=InfoPanelFactory.build(campaign=_kit_file(cast).material.campaign)
    )
    return {"slug": panel.campaign.slug, "code": panel.codes.get().code}


# The school's own info point: its contact and coordinators; other schools get a 404; roles
# without school pages a 403.
SCHOOL_PAGE = {
    "anonymous": LOGIN,
    "coordinator": OK,
    "school_contact": OK,
    "outsider": NOT_FOUND,
}
STAFF_PAGE = {"anonymous": LOGIN, "coordinator": OK}

RULES: dict[str, Rule] = {
    "campaigns:kit": public(kwargs=_campaign),
    "campaigns:kit_zip_status": public(kwargs=_campaign),
    # The ZIP is not made yet (the task runs on commit): back to the kit page.
    "campaigns:kit_zip": public(kwargs=_campaign),
    "campaigns:kit_join": Rule(NOT_ALLOWED, kwargs=_campaign),  # POST only
    "campaigns:file_download": public(kwargs=_file),
    "campaigns:info_point": Rule(FORBIDDEN, kwargs=_participation, per_role=SCHOOL_PAGE),
    "campaigns:info_point_pdf": Rule(FORBIDDEN, kwargs=_participation, per_role=SCHOOL_PAGE),
    "campaigns:qr_svg": Rule(FORBIDDEN, kwargs=_school_image, per_role=SCHOOL_PAGE),
    "campaigns:qr_png": Rule(FORBIDDEN, kwargs=_school_image, per_role=SCHOOL_PAGE),
    "campaigns:qr_report": Rule(FORBIDDEN, kwargs=_campaign, per_role=STAFF_PAGE),
    "campaigns:qr_general_svg": Rule(FORBIDDEN, kwargs=_general_image, per_role=STAFF_PAGE),
    "campaigns:qr_general_png": Rule(FORBIDDEN, kwargs=_general_image, per_role=STAFF_PAGE),
}
# Made by the worker and counted by the downloads: nobody types them in.
ADMIN_NEVER = ("admin:campaigns_kitarchive_add", "admin:campaigns_kitdownloadcount_add")


def admin_objects(cast):
    from campaigns.kit.services import count_download
    from campaigns.models import KitArchive

    material_file = _kit_file(cast)
    campaign = material_file.material.campaign
    KitArchive.objects.create(campaign=campaign, version=campaign.kit_version)
    count_download(campaign=campaign, material=material_file.material, school=cast["school"])
