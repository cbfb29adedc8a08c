"""Celery tasks: folders (re-exported by campaigns/tasks.py for autodiscovery)."""
