"""Access matrix: campaign folders.

A school's folder page is for its own contacts (the outsider sees its own school's page) and
for coordinators who name the school (?school=…; without it: 404). The folder's status and
download are the school's: the outsider gets a 404. Batches are for coordinators only.
"""

from tests.access.rules import FORBIDDEN, LOGIN, NOT_FOUND, OK, Rule

SCHOOL_PAGE_ROLES_REFUSED = {
    "pof_secretary": FORBIDDEN,
    "company_contact": FORBIDDEN,
    "partner_contact": FORBIDDEN,
}


def _campaign(cast):
    from tests.campaigns.factories import CampaignFactory

    return {"slug": CampaignFactory(slug="steek-een-poot-uit-folders").slug}


def _folder(cast):
    from tests.campaigns.folders_factories import ReadyFolderFactory

    return {"uuid": ReadyFolderFactory(participation__school=cast["school"]).uuid}


def _batch(cast):
    from tests.campaigns.folders_factories import FolderBatchItemFactory

    return {"uuid": FolderBatchItemFactory(folder__participation__school=cast["school"]).batch.uuid}


SCHOOL_FOLDER = Rule(
    NOT_FOUND,
    kwargs=_folder,
    per_role={
        "anonymous": LOGIN,
        "coordinator": OK,
        "school_contact": OK,
        **SCHOOL_PAGE_ROLES_REFUSED,
    },
)
STAFF_ONLY = {"anonymous": LOGIN, "coordinator": OK}

RULES: dict[str, Rule] = {
    "campaigns:folder": Rule(
        OK,
        kwargs=_campaign,
        per_role={"anonymous": LOGIN, "coordinator": NOT_FOUND, **SCHOOL_PAGE_ROLES_REFUSED},
    ),
    "campaigns:folder_status": SCHOOL_FOLDER,
    "campaigns:folder_download": SCHOOL_FOLDER,
    "campaigns:staff_folder_batch": Rule(FORBIDDEN, kwargs=_campaign, per_role=STAFF_ONLY),
    "campaigns:staff_folder_batch_detail": Rule(FORBIDDEN, kwargs=_batch, per_role=STAFF_ONLY),
}
ADMIN_NEVER = (
    "admin:campaigns_parentfolder_add",  # made by the school's page or a batch
    "admin:campaigns_folderbatch_add",  # started from the campaign's staff page
)


def admin_objects(cast):
    from tests.campaigns.folders_factories import FolderBatchItemFactory

    FolderBatchItemFactory(folder__participation__school=cast["school"])
