"""Bodies with their member organisations and delegates, meetings, invitations, attendance,
minutes and actions, events with registrations, and good practices."""

from .bodies import Body, Delegate, Mandate
from .events import Event, EventRegistration
from .meetings import AgendaItem, Meeting, MeetingDocument
from .minutes import Action, Minutes
from .participation import Attendance, Invitation
from .practices import GoodPractice
from .transitions import IllegalTransition

__all__ = [
    "Action",
    "AgendaItem",
    "Attendance",
    "Body",
    "Delegate",
    "Event",
    "EventRegistration",
    "GoodPractice",
    "IllegalTransition",
    "Invitation",
    "Mandate",
    "Meeting",
    "MeetingDocument",
    "Minutes",
]
