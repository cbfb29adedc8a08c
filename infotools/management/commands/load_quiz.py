from django.core.management.base import BaseCommand

from infotools.quiz.services import load_initial_quizzes


class Command(BaseCommand):
    help = "Laad de meegeleverde quizzen (De Duale Quiz) die nog niet in de databank staan."

    def handle(self, *args, **options):
        report = load_initial_quizzes()
        self.stdout.write(
            f"{report.quizzes} quiz(zen) met {report.questions} vragen toegevoegd; "
            f"{len(report.skipped)} bestonden al."
        )
