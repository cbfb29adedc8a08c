"""Celery tasks: mailings (re-exported by campaigns/tasks.py for autodiscovery)."""
