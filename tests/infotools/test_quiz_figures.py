"""De Duale Quiz's figures: class sessions and players, which survive the deletion of the
class sessions, under the names that measurement moments (dashboard snapshots) have stored."""

import datetime
from datetime import timedelta

import pytest
from django.utils import timezone

from infotools.models import QuizPlayer, QuizPlayTally, QuizSession
from infotools.quiz import cleanup as quiz_cleanup
from infotools.quiz import services as quiz_services
from steunpunt.core.figures import registry
from tests.infotools.quiz_factories import make_quiz

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 10, 15)


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_quiz_sessions_and_players_survive_the_cleanup():
    quiz = make_quiz()
    played = quiz_services.start_class_session(quiz=quiz, now=at(DAY - timedelta(days=1)))
    empty = quiz_services.start_class_session(quiz=quiz, now=at(DAY - timedelta(days=1), 11))
    later = quiz_services.start_class_session(quiz=quiz, now=at(DAY + timedelta(days=1)))
    for nickname in ("Uil", "Vos", "Das"):
        QuizPlayer.objects.create(
            session=played, nickname=nickname, token=nickname, joined_at=played.created_at
        )
    QuizPlayer.objects.create(session=later, nickname="Mol", token="Mol", joined_at=at(DAY))
    assert empty.players.count() == 0

    def figures(day=DAY):
        return (
            registry.value("campaigns.quiz_sessions", moment=day),
            registry.value("campaigns.quiz_players", moment=day),
        )

    assert figures() == (1, 3)  # the empty session was never played
    assert figures(DAY + timedelta(days=1)) == (2, 4)

    deleted = quiz_cleanup.delete_expired_class_sessions(now=empty.expires_at)
    assert deleted == 2 and not QuizSession.objects.filter(pk=played.pk).exists()
    tally = QuizPlayTally.objects.get()
    assert (tally.day, tally.sessions, tally.players) == (DAY - timedelta(days=1), 1, 3)
    assert figures() == (1, 3)  # the same after the sessions are gone
    assert figures(DAY + timedelta(days=1)) == (2, 4)
    assert figures(DAY - timedelta(days=2)) == (0, 0)

    quiz_cleanup.delete_expired_class_sessions(now=later.expires_at)
    assert figures(DAY + timedelta(days=1)) == (2, 4)
    assert registry.get("campaigns.quiz_sessions").in_snapshot


def test_the_information_tools_keep_the_figure_names_stored_in_snapshots():
    """Stored measurement moments name these figures: the move to infotools kept the strings."""
    names = {"campaigns.quiz_sessions", "campaigns.quiz_players"}
    names |= {"campaigns.selftests", "campaigns.selftests_fit"}
    assert names <= set(registry.names())
    for name in names:
        figure = registry.get(name)
        assert figure.compute.__module__.startswith("infotools."), name
        assert figure.in_snapshot, name
