"""Two measurement moments on the demo data, so the dashboard and /cijfers/ show something
after `make run`: the start of the school year (computed and final: the public figures) and
today (computed, provisional: coordinators can recompute, import and finalise it).

Does nothing when a moment exists already, so it never touches real moments.
"""

from django.core.management.base import BaseCommand
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from dashboard import services, snapshots
from dashboard.models import MeasurementMoment
from steunpunt.core.figure_groups import school_year_start


class Command(BaseCommand):
    help = _("Maak twee meetmomenten op de demogegevens (alleen als er nog geen meetmoment is).")

    def handle(self, *args, **options):
        if MeasurementMoment.objects.exists():
            self.stdout.write(_("Er zijn al meetmomenten; er verandert niets."))
            return
        today = timezone.localdate()
        start = school_year_start(today)
        with override("nl-be"):
            moments = [
                (
                    _("Start schooljaar %(year)s–%(next)s")
                    % {"year": start.year, "next": start.year + 1},
                    start,
                ),
                (formats.date_format(today, "j F Y"), today),
            ]
        for index, (name, day) in enumerate(moments):
            if day == start and index == 1:
                continue  # today is the first day of the school year: one moment
            moment = services.create_moment(name=name, date=day, actor=None)
            written = snapshots.compute_snapshot(moment=moment, actor=None)
            if index == 0:
                services.finalise(moment=moment, actor=None)
            self.stdout.write(
                _("Meetmoment “%(name)s”: %(count)s cijfers%(final)s.")
                % {
                    "name": name,
                    "count": written,
                    "final": _(", definitief") if index == 0 else "",
                }
            )
