"""The tasks of each information tool, re-exported here for Celery's autodiscovery."""

from .quiz.tasks import *  # noqa: F403
