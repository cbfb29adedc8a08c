"""The erasure of learner files (anonymisation): one on request, and the nightly run over the
files past retention that learners/tasks.py runs in the worker.

Anonymising keeps the row and what the figures count (status, programme wishes, provider,
postcode, dates of the file) and wipes what identifies the learner, in the audit trail too.
The subject-access export is learners/export.py.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from steunpunt.core.personal_data import BLANK, registry

from ..common.history import save_with_history
from ..models import Agreement, IllegalTransition, Learner, LearnerAccess
from .personal_data import LEARNER_FIELDS, learner_subject
from .services import record_learner_access

ANONYMISED = "Geanonimiseerd"

# Fields of a learner file that identify the learner: blanked on anonymisation (the list of
# everything else that can hold her data is matchmaking/learners/personal_data.py).
PERSONAL_BLANKED = tuple(name for name, treatment in LEARNER_FIELDS.items() if treatment == BLANK)
# Free text that may name the learner but must stay non-empty where it was filled in.
PERSONAL_FREE_TEXT = tuple(
    name for name in LEARNER_FIELDS if name not in PERSONAL_BLANKED and name != "first_name"
)


# --- Erasure ---------------------------------------------------------------------------------


def retention_cutoff(*, now: datetime.datetime | None = None) -> datetime.datetime:
    now = now or timezone.now()
    return now - datetime.timedelta(days=settings.MATCHMAKING_LEARNER_RETENTION_DAYS)


def learners_past_retention(*, now: datetime.datetime | None = None):
    """Ended or referred longer than the retention period ago, not yet anonymised."""
    cutoff = retention_cutoff(now=now)
    cutoff_day = timezone.localtime(cutoff).date()
    return Learner.objects.filter(anonymised_at__isnull=True).filter(
        Q(status=Learner.Status.ENDED, ended_on__lt=cutoff_day)
        | Q(status=Learner.Status.ENDED, ended_on__isnull=True, status_changed_at__lt=cutoff)
        | Q(status=Learner.Status.REFERRED, status_changed_at__lt=cutoff)
    )


@transaction.atomic
def anonymise_learner(
    *, learner: Learner, actor, reason: str = "", now: datetime.datetime | None = None
) -> bool:
    """Wipe the personal data of one learner file; returns False when it was already done.

    An open file is ended first (with `reason`); a learner with a current agreement is refused:
    end the agreement first. The file stays countable: status, wishes, provider, postcode,
    dates of the file and the birth year remain. Everything else on the personal-data list
    (matchmaking/learners/personal_data.py and the core's holders) is rewritten too: the
    history rows, the access log, her proposals, their steps and mails, exclusions,
    agreements, the admin log of her rows, and every outbox row or job failure that names her.
    """
    now = now or timezone.now()
    learner = (
        Learner.objects.select_for_update(of=("self",))
        .filter(pk=learner.pk, anonymised_at__isnull=True)
        .first()
    )
    if learner is None:
        return False
    if learner.agreements.filter(
        status__in=[Agreement.Status.SIGNED, Agreement.Status.RUNNING]
    ).exists():
        raise IllegalTransition(
            _("Deze jongere heeft een lopende overeenkomst: beëindig die eerst.")
        )
    subject = learner_subject(learner)  # her strings as they were, to find them elsewhere
    with translation.override(settings.LANGUAGE_CODE):
        if learner.status in Learner.OPEN_STATUSES:
            learner.end(
                reason=reason or _("Gegevens gewist op verzoek"), on=timezone.localdate(now)
            )
        learner.first_name = ANONYMISED
        for name in PERSONAL_BLANKED:
            setattr(learner, name, "")
        for name in PERSONAL_FREE_TEXT:
            if getattr(learner, name):
                setattr(learner, name, ANONYMISED)
        learner.birth_date = learner.birth_date.replace(month=1, day=1)
        learner.anonymised_at = now
        # No full_clean(): an anonymised minor has no parent contact on purpose; the database
        # constraints (an ended file has a reason, only a closed file is anonymised) still hold.
        save_with_history(learner, actor=actor, reason=ANONYMISED)
        Learner.history.filter(id=learner.pk).update(birth_date=learner.birth_date)
        registry.erase(subject)
        record_learner_access(
            learner=learner, user=actor, action=LearnerAccess.Action.CHANGE, what=ANONYMISED
        )
    return True


def anonymise_expired_learners(*, now: datetime.datetime | None = None, actor=None) -> int:
    """Anonymise every learner past retention, one transaction each; returns how many."""
    now = now or timezone.now()
    done = 0
    for learner in learners_past_retention(now=now).only("pk").iterator():
        try:
            if anonymise_learner(learner=learner, actor=actor, now=now):
                done += 1
        except IllegalTransition:
            continue  # a current agreement: the agreement's end brings the file back later
    return done
