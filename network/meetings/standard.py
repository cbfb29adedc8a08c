"""The two bodies every province has. A data migration creates them; `ensure_standard_bodies`
puts them back where a database was emptied (the browser tests flush between tests)."""

from ..models import Body

STANDARD_BODIES = [
    {
        "slug": "netwerk",
        "name": "Netwerk Duaal Leren West-Vlaanderen",
        "kind": Body.Kind.NETWORK,
        "description": "Overleg over trends en samenwerking in duaal leren, voorgezeten door POM "
        "West-Vlaanderen en de Provincie. Organiseert ook het jaarlijkse netwerkevent.",
    },
    {
        "slug": "pof",
        "name": "Provinciaal Overlegforum West-Vlaanderen",
        "kind": Body.Kind.POF,
        "description": "Het overlegforum uit het decreet: bespreekt met VDAB, POM en RTC de "
        "regionale arbeidsmarkt en geeft advies over programmatieaanvragen.",
    },
]


def ensure_standard_bodies() -> int:
    """Create the standard bodies that are missing; returns how many were created."""
    created = 0
    for body in STANDARD_BODIES:
        created += Body.objects.get_or_create(slug=body["slug"], defaults=body)[1]
    return created
