"""Access matrix: the network staff pages under /netwerk/beheer/.

Coordinators and the POF secretariat manage meetings; every other logged-in role gets a 403
and anonymous visitors the login page. Status changes, moving an item and uploading a document
are POST only (405 on GET for staff).
"""

from tests.access.rules import FORBIDDEN, LOGIN, NOT_ALLOWED, OK, Rule

STAFF = {"anonymous": LOGIN, "coordinator": OK, "pof_secretary": OK}
STAFF_POST = {"anonymous": LOGIN, "coordinator": NOT_ALLOWED, "pof_secretary": NOT_ALLOWED}


def _meeting(cast):
    from tests.network.factories import MeetingFactory

    return {"uuid": MeetingFactory().uuid}


def _item(cast):
    from tests.network.factories import AgendaItemFactory

    item = AgendaItemFactory()
    return {"uuid": item.meeting.uuid, "pk": item.pk}


def page(kwargs=None):
    return Rule(FORBIDDEN, kwargs=kwargs, per_role=STAFF)


def post_only(kwargs):
    return Rule(FORBIDDEN, kwargs=kwargs, per_role=STAFF_POST)


RULES: dict[str, Rule] = {
    "network:staff_meeting_list": page(),
    "network:staff_meeting_create": page(),
    "network:staff_actions": page(),
    "network:staff_attendance_history": page(),
    "network:staff_meeting_edit": page(_meeting),
    "network:staff_meeting_move": post_only(_meeting),
    "network:staff_meeting_clone": page(_meeting),
    "network:staff_agenda": page(_meeting),
    "network:staff_agenda_item_edit": page(_item),
    "network:staff_agenda_item_move": post_only(_item),
    "network:staff_agenda_reorder": post_only(_meeting),
    "network:staff_agenda_item_delete": page(_item),
    "network:staff_document_add": post_only(_meeting),
    "network:staff_invitations": page(_meeting),
    "network:staff_attendance": page(_meeting),
    "network:staff_minutes": page(_meeting),
}
