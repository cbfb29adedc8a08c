"""Access matrix: campaign orders.

A school's pages: its contacts and coordinators (acting for a school); another school's
contact gets a 404 for the order, other roles a 403. Staff pages: coordinators only; the
POF secretariat and everyone else get a 403. Actions are POST only (405 on GET).
"""

from tests.access.rules import FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Rule  # noqa: F401

SCHOOL = {"anonymous": LOGIN, "school_contact": OK, "outsider": OK, "coordinator": OK}


def _order(cast):
    from tests.campaigns.factories import OrderFactory

    return OrderFactory(school=cast["school"])


def _order_uuid(cast):
    return {"uuid": _order(cast).uuid}


def _campaign(cast):
    from tests.campaigns.factories import PhysicalMaterialFactory

    return {"slug": PhysicalMaterialFactory().campaign.slug}


def _school_campaign(cast):
    """The order form for the cast's school: `?school=` is read from the query string; without
    it a coordinator (who acts for no school of their own) gets a 404."""
    return _campaign(cast)


RULES: dict[str, Rule] = {
    "campaigns:order_create": Rule(
        FORBIDDEN,
        kwargs=_school_campaign,
        per_role={**SCHOOL, "coordinator": NOT_FOUND},
    ),
    "campaigns:order_list": Rule(FORBIDDEN, per_role=SCHOOL),
    "campaigns:order_detail": Rule(
        FORBIDDEN,
        kwargs=_order_uuid,
        per_role={**SCHOOL, "outsider": NOT_FOUND},
    ),
    "campaigns:staff_order_list": Rule(FORBIDDEN, per_role={"anonymous": LOGIN, "coordinator": OK}),
    "campaigns:staff_order_detail": Rule(
        FORBIDDEN, kwargs=_order_uuid, per_role={"anonymous": LOGIN, "coordinator": OK}
    ),
    "campaigns:staff_order_status": Rule(
        FORBIDDEN, kwargs=_order_uuid, per_role={"anonymous": LOGIN, "coordinator": NOT_ALLOWED}
    ),
    "campaigns:staff_order_refuse": Rule(
        FORBIDDEN, kwargs=_order_uuid, per_role={"anonymous": LOGIN, "coordinator": NOT_ALLOWED}
    ),
    "campaigns:packing_list_pdf": Rule(
        FORBIDDEN, kwargs=_order_uuid, per_role={"anonymous": LOGIN, "coordinator": OK}
    ),
    "campaigns:picking_list_pdf": Rule(
        FORBIDDEN,
        kwargs=lambda cast: {"day": "2026-10-05"},
        per_role={"anonymous": LOGIN, "coordinator": OK},
    ),
    "campaigns:order_export": Rule(
        FORBIDDEN,
        kwargs=lambda cast: {"fmt": "csv"},
        per_role={"anonymous": LOGIN, "coordinator": OK},
    ),
}

# Orders come in through the school's order form only; a refusal (not a deletion) gives the
# stock back.
ADMIN_NEVER = ("admin:campaigns_order_add", "admin:campaigns_order_delete")


def admin_objects(cast):
    _order(cast)
