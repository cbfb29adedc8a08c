"""The two bodies every province has: the Netwerk Duaal Leren and the POF."""

from django.db import migrations

BODIES = [
    {
        "slug": "netwerk",
        "name": "Netwerk Duaal Leren West-Vlaanderen",
        "kind": "network",
        "description": "Overleg over trends en samenwerking in duaal leren, voorgezeten door POM "
        "West-Vlaanderen en de Provincie. Organiseert ook het jaarlijkse netwerkevent.",
    },
    {
        "slug": "pof",
        "name": "Provinciaal Overlegforum West-Vlaanderen",
        "kind": "pof",
        "description": "Het overlegforum uit het decreet: bespreekt met VDAB, POM en RTC de "
        "regionale arbeidsmarkt en geeft advies over programmatieaanvragen.",
    },
]


def create(apps, schema_editor):
    Body = apps.get_model("network", "Body")
    for body in BODIES:
        Body.objects.get_or_create(slug=body["slug"], defaults=body)


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
