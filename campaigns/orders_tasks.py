"""Celery tasks: orders (re-exported by campaigns/tasks.py for autodiscovery)."""
