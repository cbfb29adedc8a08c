"""The network's Celery tasks, re-exported from its tools so Celery's autodiscovery (which
imports `<app>.tasks`) registers them. Each task is named after its own module."""

from .events.tasks import purge_event_registrations
from .meetings.tasks import send_meeting_reminders

__all__ = ["purge_event_registrations", "send_meeting_reminders"]
