"""Celery tasks of matchmaking: one module per area, re-exported here for autodiscovery."""

from .privacy_tasks import *  # noqa: F403
from .recognition_tasks import *  # noqa: F403
from .runs_tasks import *  # noqa: F403
