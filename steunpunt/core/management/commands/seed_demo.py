"""Fill the database with fictional demo data (schools, companies, contacts, demo logins)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from steunpunt.core import demo

LABELS = {
    "providers": "opleidingsverstrekkers",
    "provider_sites": "vestigingen van opleidingsverstrekkers",
    "offers": "opleidingsaanbod (opleiding per vestiging)",
    "companies": "ondernemingen",
    "company_sites": "vestigingen van ondernemingen",
    "persons": "contactpersonen",
    "memberships": "functies in organisaties",
    "logins": "demo-logins",
}


class Command(BaseCommand):
    help = (
        "Maakt fictieve demogegevens aan: scholen en andere opleidingsverstrekkers met "
        "vestigingen en aanbod, ondernemingen, contactpersonen en een demo-login per rol. "
        "Veilig om opnieuw te draaien; een grotere schaal vult een kleinere aan."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=list(demo.SCALES),
            default="small",
            help="small (±12 verstrekkers, 150 ondernemingen), province (±100 vestigingen van "
            "verstrekkers, 2.100 ondernemingen) of flanders (10× province).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=demo.DEFAULT_SEED,
            help="Startwaarde van de generator: zelfde seed, zelfde gegevens.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook uitvoeren als DEBUG uit staat (nooit op productie).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo maakt fictieve gegevens aan en draait alleen met DEBUG aan. "
                "Gebruik --force als je dit bewust buiten een ontwikkelomgeving wilt doen."
            )
        scale, verbosity = options["scale"], options["verbosity"]
        started = time.monotonic()
        self.stdout.write(f"Demogegevens aanmaken (schaal {scale}, seed {options['seed']}) …")
        try:
            counts = demo.seed(scale, seed=options["seed"], stdout=self.stdout)
        except demo.ReferenceDataMissing as error:
            raise CommandError(str(error)) from error
        totals = demo.demo_totals()
        if verbosity > 0:
            self.stdout.write("Nieuw aangemaakt (alle demo-rijen samen tussen haakjes):")
            for key, label in LABELS.items():
                total = f" ({totals[key]})" if key in totals else ""
                self.stdout.write(f"  {label}: {counts.get(key, 0)}{total}")
            # What the feature apps added (their labels are already Dutch).
            for key, value in counts.items():
                if key not in LABELS and key != "seconds":
                    self.stdout.write(f"  {key}: {value}")
            self.stdout.write(f"Demo-logins, allemaal met wachtwoord {demo.DEMO_PASSWORD}")
            for login in demo.DEMO_LOGINS:
                self.stdout.write(f"  {login.role.label}: {login.email}")
            self.stdout.write("Een coördinator maak je met 'manage.py create_demo_coordinator'.")
        self.stdout.write(self.style.SUCCESS(f"Klaar in {time.monotonic() - started:.1f} s."))
