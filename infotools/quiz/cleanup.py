"""The class quiz's periodic cleanup: the work of infotools.quiz.tasks.delete_expired_quiz_sessions.

Sessions past their expiry go with their players and answers; their answers are first folded
into the anonymous tallies, so the counts per answer stay.
"""

from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from ..models import QuizAnswerTally, QuizResponse, QuizSession
from .figures import fold_sessions
from .selectors import snapshot_cache_key


def fold_class_responses(*, session_ids) -> None:
    """Add the class answers of these sessions to the anonymous tallies (before deletion)."""
    counts = (
        QuizResponse.objects.filter(player__session_id__in=session_ids)
        .values("answer_id")
        .annotate(n=Count("id"))
        .values_list("answer_id", "n")
    )
    for answer_id, n in counts:
        QuizAnswerTally.objects.get_or_create(answer_id=answer_id)
        QuizAnswerTally.objects.filter(answer_id=answer_id).update(class_count=F("class_count") + n)


@transaction.atomic
def delete_expired_class_sessions(*, now: datetime | None = None) -> int:
    """Delete sessions past their expiry with their players and answers; tallies stay.

    Answers are refused once a session has expired, so the count folded here is final.
    """
    now = now or timezone.now()
    expired = list(
        QuizSession.objects.select_for_update()
        .filter(expires_at__lte=now)
        .values_list("pk", "code")
    )
    if not expired:
        return 0
    session_ids = [pk for pk, _code in expired]
    fold_class_responses(session_ids=session_ids)
    fold_sessions(session_ids=session_ids)
    QuizSession.objects.filter(pk__in=session_ids).delete()
    cache.delete_many([snapshot_cache_key(code) for _pk, code in expired])
    return len(expired)
