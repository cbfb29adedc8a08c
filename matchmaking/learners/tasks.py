"""Celery tasks of the learners tool of matchmaking: the nightly erasure (learners/privacy.py),
on the portal's task base (steunpunt.celery: nl-be, Europe/Brussels, one retry policy)."""

from steunpunt.celery import portal_task

from . import privacy

__all__ = ["anonymise_old_learners"]


@portal_task
def anonymise_old_learners() -> int:
    """Nightly (django-celery-beat, 03:30 Europe/Brussels): anonymise learner files that ended
    or were referred longer than MATCHMAKING_LEARNER_RETENTION_DAYS ago.

    Idempotent: each file is claimed with select_for_update and skipped once anonymised, so a
    second run (or two workers at once) changes nothing.
    """
    return privacy.anonymise_expired_learners(actor=None)
