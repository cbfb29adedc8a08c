"""Reads of the good practices: what the public may see."""

from django.db.models import QuerySet

from ..models import GoodPractice


def published_practices() -> QuerySet[GoodPractice]:
    return GoodPractice.objects.filter(is_published=True).select_related("programme", "subregion")
