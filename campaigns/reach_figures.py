"""De Duale Quiz's figures (the groupings of the campaign tools' reach figures are in
campaigns.campaign.figures).

The quiz deletes its class sessions a few hours after they end (privacy); before that the
cleanup folds the sessions and players of each day into QuizPlayTally, so the figures count
both the folded days and the sessions still kept.
"""

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.figure_groups import day_end
from steunpunt.core.figures import Figure, registry

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
    "fold_sessions",
    "register_quiz_figures",
]
