"""The nightly recognition watch: close what has ended, warn about what is about to end.

`warn_expiring_recognitions` mails the coordinators one list of the recognitions that came
within MATCHMAKING_RECOGNITION_WARNING_DAYS of their end date and were not warned about yet
(a RecognitionWarning row per recognition, period and end date), through the outbox. Running
it twice, or in two workers at once, sends nothing new: the unique constraint decides who
records a warning, and only what a run recorded goes in its mail.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from steunpunt.core.outbox import enqueue_messages, templated_message

from ..common.coordinator_mail import coordinator_recipients
from ..models import RecognitionWarning, Workplace
from . import services


@dataclass(frozen=True)
class WatchResult:
    closed_workplaces: int
    warned_recognitions: int


def _record_warning(recognition, days: int) -> bool:
    """True when this call recorded the warning (a savepoint: a duplicate is no error)."""
    try:
        with transaction.atomic():
            RecognitionWarning.objects.create(
                recognition=recognition, threshold_days=days, valid_until=recognition.valid_until
            )
    except IntegrityError:
        return False
    return True


@transaction.atomic
def warn_expiring_recognitions(*, today: date | None = None) -> int:
    """Mail the coordinators the recognitions newly within the warning period; returns how many."""
    today = today or timezone.localdate()
    days = settings.MATCHMAKING_RECOGNITION_WARNING_DAYS
    already = RecognitionWarning.objects.filter(
        recognition=OuterRef("pk"), threshold_days=days, valid_until=OuterRef("valid_until")
    )
    candidates = services.recognitions_expiring_within(days=days, today=today).exclude(
        Exists(already)
    )
    warned = [r for r in candidates if _record_warning(r, days)]
    if not warned:
        return 0
    # The workplaces that will close with each recognition (open or full): one query.
    workplaces = (
        Workplace.objects.filter(
            site__in={r.site_id for r in warned},
            status__in=[Workplace.Status.OPEN, Workplace.Status.FULL],
        )
        .values("site_id", "programme_id")
        .annotate(count=Count("pk"))
    )
    counts = {(w["site_id"], w["programme_id"]): w["count"] for w in workplaces}
    rows = [
        {
            "recognition": r,
            "days_left": (r.valid_until - today).days,
            "workplaces": counts.get((r.site_id, r.programme_id), 0),
            "admin_path": reverse("admin:matchmaking_recognition_change", args=[r.pk]),
        }
        for r in warned
    ]
    context = {"rows": rows, "days": days, "today": today}
    enqueue_messages(
        batch=f"matchmaking-recognitions-expiring-{today:%Y%m%d}-{min(r.pk for r in warned)}",
        messages=[
            templated_message(
                "matchmaking_recognitions_expiring", email=email, name=name, context=context
            )
            for email, name in coordinator_recipients()
        ],
    )
    return len(warned)


def watch_recognitions(*, today: date | None = None) -> WatchResult:
    """Close the workplaces of ended recognitions, then warn about those about to end."""
    closed = services.close_workplaces_of_expired_recognitions(today=today, actor=None)
    warned = warn_expiring_recognitions(today=today)
    return WatchResult(closed_workplaces=closed, warned_recognitions=warned)
