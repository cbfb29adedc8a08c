"""Writes on the core's rows."""

from django.db import transaction

from .models import Municipality, Postcode, Subregion


@transaction.atomic
def move_municipality(*, municipality: Municipality, subregion: Subregion, actor) -> int:
    """Put a municipality (and so its postcodes) in another subregion; returns postcodes moved."""
    municipality.subregion = subregion
    municipality.full_clean()
    municipality.save(update_fields=["subregion"])
    return Postcode.objects.filter(municipality=municipality).update(subregion=subregion)
