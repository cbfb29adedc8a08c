"""Celery tasks: qr (re-exported by campaigns/tasks.py for autodiscovery)."""
