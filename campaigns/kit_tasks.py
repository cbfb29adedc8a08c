"""Celery tasks: kit (re-exported by campaigns/tasks.py for autodiscovery)."""
