"""Staff pages of the network app (coordinators and the POF secretariat): meetings, the agenda
builder, invitations, attendance at the door, minutes with decisions and actions, and the open
actions across meetings. Views read the request, call one service and redirect or render.

A package (STYLE.md: past ~500 lines a module becomes one) that re-exports its views.
"""

from .agenda import (
    agenda,
    agenda_item_delete,
    agenda_item_edit,
    agenda_item_move,
    agenda_reorder,
    document_add,
)
from .meetings import MeetingListView, meeting_clone, meeting_create, meeting_edit, meeting_move
from .minutes import ActionListView, minutes
from .people import attendance, attendance_history, invitations

__all__ = [
    "ActionListView",
    "MeetingListView",
    "agenda",
    "agenda_item_delete",
    "agenda_item_edit",
    "agenda_item_move",
    "agenda_reorder",
    "attendance",
    "attendance_history",
    "document_add",
    "invitations",
    "meeting_clone",
    "meeting_create",
    "meeting_edit",
    "meeting_move",
    "minutes",
]
