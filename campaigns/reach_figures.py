"""Groupings of the campaign reach figures, and De Duale Quiz's figures.

A school has several sites; its subregion in these figures is the one of its main site (or its
first site when none is marked main), so a school counts in one subregion and the province total
is the sum of the subregions. Rows without a school (anonymous downloads, the general QR codes)
count in the province only. Provider type is the school's Organisation.kind.

The quiz deletes its class sessions a few hours after they end (privacy); before that the
cleanup folds the sessions and players of each day into QuizPlayTally, so the figures count
both the folded days and the sessions still kept.
"""

from django.db.models import Count, OuterRef, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.figure_groups import Grouping, day_end
from steunpunt.core.figures import Figure, registry
from steunpunt.core.models import Site


def school_subregion(school: str) -> Subquery:
    """The subregion (slug) of the main site of the school at the path `school`."""
    sites = Site.objects.filter(organisation=OuterRef(school)).order_by("-is_main", "pk")
    return Subquery(sites.values("postcode__subregion__slug")[:1])


def _by_school(rows, school: str):
    return rows.annotate(school_subregion=school_subregion(school))


def school_paths(school: str) -> dict[str, str]:
    return {"subregion": "school_subregion", "provider_type": f"{school}__kind"}


def _participations_on(day):
    from .models import Campaign, Participation

    rows = Participation.objects.filter(
        campaign__starts_on__lte=day,
        campaign__ends_on__gte=day,
        joined_at__lt=day_end(day),
    ).exclude(campaign__status=Campaign.Status.DRAFT)
    return _by_school(rows, "school")


def _orders_by(day):
    from .models import Order

    return Order.objects.exclude(status=Order.Status.REFUSED).filter(created_at__lt=day_end(day))


def _kit_downloads_by(day):
    from .models import KitDownloadCount

    return _by_school(KitDownloadCount.objects.filter(day__lte=day), "school")


def _qr_scans_by(day):
    from .models import QrScanCount

    return _by_school(QrScanCount.objects.filter(day__lte=day), "qr_code__participation__school")


PARTICIPATING_SCHOOLS = Grouping(
    rows=_participations_on,
    paths=school_paths("school"),
    aggregate=Count("school", distinct=True),
    additive=False,
)
KITS_ORDERED = Grouping(
    rows=_orders_by,
    # Where the kit goes (the delivery site), as the single-value figure counts it.
    paths={"subregion": "site__postcode__subregion__slug", "provider_type": "school__kind"},
)
KIT_DOWNLOADS = Grouping(
    rows=_kit_downloads_by, paths=school_paths("school"), aggregate=Sum("count")
)
QR_SCANS = Grouping(
    rows=_qr_scans_by,
    paths=school_paths("qr_code__participation__school"),
    aggregate=Sum("count"),
)


# --- De Duale Quiz ----------------------------------------------------------------------------


def quiz_sessions(moment=None) -> int:
    """Class sessions with at least one player, started up to `moment` (today by default)."""
    from .models import QuizPlayTally, QuizSession

    day = moment or timezone.localdate()
    folded = QuizPlayTally.objects.filter(day__lte=day).aggregate(n=Sum("sessions"))["n"] or 0
    kept = QuizSession.objects.filter(created_at__lt=day_end(day), players__isnull=False)
    return folded + kept.distinct().count()


def quiz_players(moment=None) -> int:
    """Pupils who joined a class session started up to `moment` (today by default)."""
    from .models import QuizPlayer, QuizPlayTally

    day = moment or timezone.localdate()
    folded = QuizPlayTally.objects.filter(day__lte=day).aggregate(n=Sum("players"))["n"] or 0
    kept = QuizPlayer.objects.filter(session__created_at__lt=day_end(day))
    return folded + kept.count()


def fold_sessions(*, session_ids) -> None:
    """Add these sessions (about to be deleted) to the tallies per day and quiz."""
    from .models import QuizPlayTally, QuizSession

    sessions = (
        QuizSession.objects.filter(pk__in=session_ids)
        .annotate(n_players=Count("players"))
        .values_list("quiz_id", "created_at", "n_players")
    )
    per_day: dict[tuple, list[int]] = {}
    for quiz_id, created_at, n_players in sessions:
        if not n_players:
            continue
        totals = per_day.setdefault((quiz_id, timezone.localdate(created_at)), [0, 0])
        totals[0] += 1
        totals[1] += n_players
    for (quiz_id, day), (n_sessions, n_players) in per_day.items():
        tally, _created = QuizPlayTally.objects.select_for_update().get_or_create(
            quiz_id=quiz_id, day=day
        )
        tally.sessions += n_sessions
        tally.players += n_players
        tally.save(update_fields=["sessions", "players"])


def register_quiz_figures() -> None:
    registry.register(
        Figure(
            name="campaigns.quiz_sessions",
            label=_("Gespeelde klassessies van De Duale Quiz"),
            unit=_("sessies"),
            compute=quiz_sessions,
            description=_(
                "Klassessies van De Duale Quiz met minstens één speler, gestart tot en met de "
                "peildatum (de quiz bewaart per dag hoeveel sessies en spelers er waren)."
            ),
            filters=("moment",),
        )
    )
    registry.register(
        Figure(
            name="campaigns.quiz_players",
            label=_("Spelers van De Duale Quiz in de klas"),
            unit=_("spelers"),
            compute=quiz_players,
            description=_(
                "Leerlingen die tot en met de peildatum met een bijnaam meespeelden in een "
                "klassessie van De Duale Quiz (alleen spelen telt niet mee)."
            ),
            filters=("moment",),
        )
    )


__all__ = [
    "KITS_ORDERED",
    "KIT_DOWNLOADS",
    "PARTICIPATING_SCHOOLS",
    "QR_SCANS",
    "fold_sessions",
    "register_quiz_figures",
]
