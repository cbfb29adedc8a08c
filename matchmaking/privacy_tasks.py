"""Celery tasks of the privacy area of matchmaking."""

__all__: list[str] = []
