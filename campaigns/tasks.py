"""Periodic and background work of the campaign tools.

The tasks of each campaign tool live in its package (<tool>/tasks.py); re-exported here so
Celery's autodiscovery (which imports campaigns.tasks) registers them.
"""

from .calendar.tasks import *  # noqa: F403
from .folders.tasks import *  # noqa: F403
from .kit.tasks import *  # noqa: F403
