"""Celery tasks of the runs area of matchmaking."""

__all__: list[str] = []
