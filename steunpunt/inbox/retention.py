"""The retention of the inbox: questions past INBOX_RETENTION_MONTHS lose their personal data.

The work of the daily task steunpunt.inbox.tasks.anonymise_old_questions (the task calls this
module, never the services): one transaction per question, history included; the rows stay for
the counts.
"""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from .audit import save_audited as _save
from .models import ANONYMISED, InfoSessionDetails, Question


def retention_cutoff(*, now: datetime | None = None) -> datetime:
    """Questions whose last activity lies before this moment are anonymised."""
    now = now or timezone.now()
    months = settings.INBOX_RETENTION_MONTHS
    year, month = divmod(now.month - 1 - months, 12)
    year += now.year
    month += 1
    # Clamp the day (31 March minus one month is 28/29 February).
    for day in (now.day, 30, 29, 28):
        try:
            return now.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def expired_questions(*, now: datetime | None = None):
    """Not yet anonymised, and closed before the cut-off (or, still open, received before it)."""
    cutoff = retention_cutoff(now=now)
    return Question.objects.filter(anonymised_at__isnull=True).filter(
        Q(closed_at__lt=cutoff) | Q(closed_at__isnull=True, created_at__lt=cutoff)
    )


def anonymise_expired_questions(*, now: datetime | None = None, actor=None) -> int:
    """Anonymise every expired question, one transaction each; returns how many. Idempotent."""
    now = now or timezone.now()
    done = 0
    for pk in expired_questions(now=now).values_list("pk", flat=True).iterator():
        if anonymise_question(question_pk=pk, now=now, actor=actor):
            done += 1
    return done


@transaction.atomic
def anonymise_question(*, question_pk: int, now: datetime | None = None, actor=None) -> bool:
    """Remove the personal data of one question, its notes, answers and audit trail.

    Claims the row with select_for_update and returns False when it was already anonymised.
    """
    now = now or timezone.now()
    question = (
        Question.objects.select_for_update(of=("self",))
        .select_related("postcode")
        .filter(pk=question_pk, anonymised_at__isnull=True)
        .first()
    )
    if question is None:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        question.anonymise(at=now)
        _save(question, actor)
        details = InfoSessionDetails.objects.filter(question=question).first()
        if details is not None:
            details.anonymise()
            _save(details, actor)
        question.notes.update(text=ANONYMISED)
        question.answers.update(body=ANONYMISED, sent_to="")
        # The audit trail holds copies of the personal data: scrub those too.
        question.history.filter(id=question.pk).update(
            name=ANONYMISED,
            email="",
            phone="",
            text=ANONYMISED,
            referral_reason=ANONYMISED,
            postcode=None,
        )
        InfoSessionDetails.history.filter(question_id=question.pk).update(
            organisation_name=ANONYMISED, preferred_dates=ANONYMISED, place=ANONYMISED
        )
    return True
