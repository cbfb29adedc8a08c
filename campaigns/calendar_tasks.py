"""Celery tasks: calendar (re-exported by campaigns/tasks.py for autodiscovery)."""
