"""Create (or update) a demo coordinator login with a known password."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from steunpunt.accounts.roles import Role
from steunpunt.accounts.services import create_portal_user

DEFAULT_EMAIL = "coordinator@steunpunt.test"


class Command(BaseCommand):
    help = (
        "Maakt een demo-coördinator aan (of zet het wachtwoord opnieuw) en toont e-mail en "
        "wachtwoord. Alleen voor ontwikkeling en demo's."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--email",
            default=DEFAULT_EMAIL,
            help=f"E-mailadres van de login (standaard {DEFAULT_EMAIL}).",
        )
        parser.add_argument(
            "--password", help="Wachtwoord; zonder deze optie wordt er een willekeurig gemaakt."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook uitvoeren als DEBUG uit staat (nooit op productie).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "create_demo_coordinator draait alleen met DEBUG aan. Gebruik --force als je "
                "dit bewust buiten een ontwikkelomgeving wilt doen."
            )
        email = options["email"].strip()
        password = options["password"] or secrets.token_urlsafe(12)
        try:
            user = create_portal_user(
                email=email,
                role=Role.COORDINATOR,
                password=password,
                first_name="Demo",
                last_name="Coördinator",
            )
        except ValidationError as error:
            raise CommandError(f"Ongeldige login: {'; '.join(error.messages)}") from error
        self.stdout.write(
            self.style.SUCCESS(f"Demo-coördinator: e-mail {user.email} wachtwoord {password}")
        )
        if getattr(settings, "MFA_REQUIRED_FOR_STAFF", False):
            self.stdout.write(
                "Let op: bij de eerste login vraagt het portaal om tweestapsverificatie."
            )
