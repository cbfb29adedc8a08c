import time

from django.core.management.base import BaseCommand

from steunpunt.core.reference_data import load_reference_data


class Command(BaseCommand):
    help = (
        "Laadt de referentiegegevens (subregio's, gemeenten, postcodes, opleidingen, "
        "partnerorganisaties). Veilig om opnieuw te draaien."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        report = load_reference_data()
        if options["verbosity"] > 0:
            for line in report.lines():
                self.stdout.write(f"  {line}")
            self.stdout.write(
                self.style.SUCCESS(
                    f"Referentiegegevens geladen in {time.monotonic() - started:.1f} s."
                )
            )
