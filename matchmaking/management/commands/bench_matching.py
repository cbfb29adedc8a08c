import importlib.util

from django.conf import settings
from django.core.management.base import BaseCommand


def load_bench():
    """bench/matching.py is a standalone script (no package): load it by its path."""
    path = settings.BASE_DIR / "bench" / "matching.py"
    spec = importlib.util.spec_from_file_location("bench_matching", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Command(BaseCommand):
    help = (
        "Meet de matching-engine op een synthetische West-Vlaamse opgave (vaste seed): tijd, "
        "geheugen en resultaat van het optimum en van de gretige basislijn."
    )

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=2000, help="Aantal leerlingen.")
        parser.add_argument("--places", type=int, default=3000, help="Aantal werkplekken.")
        parser.add_argument("--seed", type=int, default=1, help="Seed van de opgave.")

    def handle(self, *args, **options):
        load_bench().run(options["learners"], options["places"], options["seed"], out=self.stdout)
