from django.core.management.base import BaseCommand

from campaigns.campaign.content import add_demo_participation, load_initial_campaign


class Command(BaseCommand):
    help = (
        "Laad de campagne 'Steek een poot uit' (actief, huidig schooljaar) met materiaal, "
        "kalender en checklist. Veilig om opnieuw te draaien: alleen wat ontbreekt komt erbij."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Laat ook de demoscholen van seed_demo meedoen, met een paar afgevinkte punten.",
        )

    def handle(self, *args, **options):
        report = load_initial_campaign()
        campaign = report.campaign
        state = "aangemaakt" if report.created else "bestond al"
        self.stdout.write(
            f"Campagne '{campaign.name}' ({campaign.school_year}) {state}: "
            f"{report.materials} materialen, {report.files} bestanden, {report.moments} momenten "
            f"en {report.checklist_items} checklistpunten toegevoegd."
        )
        if options["demo"]:
            schools = add_demo_participation(campaign)
            self.stdout.write(f"{len(schools)} demoscholen doen mee.")
