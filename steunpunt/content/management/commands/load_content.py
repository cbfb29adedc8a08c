"""Insert the shipped pages, FAQ entries and glossary terms that are missing (idempotent)."""

from django.core.management.base import BaseCommand

from steunpunt.content.services import load_initial_content


class Command(BaseCommand):
    help = (
        "Voegt de meegeleverde pagina's, veelgestelde vragen en termen toe die nog niet "
        "bestaan. Bestaande teksten (ook gewijzigde) blijven onaangeroerd."
    )

    def handle(self, *args, **options):
        report = load_initial_content()
        self.stdout.write(self.style.SUCCESS(f"Inhoud: {report}."))
