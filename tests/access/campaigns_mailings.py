"""Access matrix: campaign mailings (coordinators only) and the outbox in the admin."""

from tests.access.rules import FORBIDDEN, LOGIN, NOT_ALLOWED, OK, Rule


def _mailing(cast):
    from tests.campaigns.mailing_factories import MailingFactory

    return {"uuid": MailingFactory().uuid}


STAFF_PAGE = Rule(FORBIDDEN, per_role={"anonymous": LOGIN, "coordinator": OK})
MAILING_PAGE = Rule(FORBIDDEN, kwargs=_mailing, per_role={"anonymous": LOGIN, "coordinator": OK})
MAILING_ACTION = Rule(  # POST only
    FORBIDDEN, kwargs=_mailing, per_role={"anonymous": LOGIN, "coordinator": NOT_ALLOWED}
)

RULES: dict[str, Rule] = {
    "campaigns:mailing_list": STAFF_PAGE,
    "campaigns:mailing_create": STAFF_PAGE,
    "campaigns:mailing_detail": MAILING_PAGE,
    "campaigns:mailing_update": MAILING_PAGE,
    "campaigns:mailing_preview": MAILING_PAGE,
    "campaigns:mailing_send_test": MAILING_ACTION,
    "campaigns:mailing_send": MAILING_ACTION,
    "campaigns:mailing_resend_failed": MAILING_ACTION,
}
ADMIN_NEVER = (
    "admin:campaigns_mailing_add",  # composed on the staff page
    "admin:core_outboxmessage_add",  # rows come from the outbox engine only
    "admin:core_outboxmessage_delete",  # the record of what was sent stays
)


def admin_objects(cast):
    from steunpunt.core.outbox import OutgoingMessage, enqueue_messages
    from tests.campaigns.mailing_factories import MailingFactory

    MailingFactory()
    enqueue_messages(
        batch="campaigns.mailing:matrix",
        messages=[OutgoingMessage(recipient_email="a@school.test", subject="Test", body_text=".")],
    )
