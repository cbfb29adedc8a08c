"""Celery tasks of the recognition area of matchmaking."""

__all__: list[str] = []
