"""Celery tasks of matchmaking: one tasks.py per tool, re-exported here for autodiscovery."""

from .companies.tasks import *  # noqa: F403
from .learners.tasks import *  # noqa: F403
from .runs.tasks import *  # noqa: F403
