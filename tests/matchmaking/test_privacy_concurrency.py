"""Two workers (or a worker and a coordinator) anonymise the same learner at the same moment,
on PostgreSQL: one does it, the other finds it done, and the audit trail has one erasure."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from matchmaking.learners import privacy
from matchmaking.models import Learner, LearnerAccess
from tests.matchmaking.factories import LearnerFactory


def race(learner, attempts=2):
    barrier = threading.Barrier(attempts)
    results = {}

    def attempt(index):
        try:
            barrier.wait(timeout=10)
            results[index] = privacy.anonymise_learner(learner=learner, actor=None)
        except Exception as exc:  # reported by the assertion below
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(index,)) for index in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_erasures_at_once_wipe_once(postgres_only):
    assert connection.vendor == "postgresql"
    for _round in range(3):  # a lucky interleaving should not hide a bug
        learner = LearnerFactory(
            status=Learner.Status.ENDED,
            end_reason="Verhuisd",
            ended_on=timezone.localdate() - timedelta(days=1000),
        )
        results = race(learner)
        assert sorted(results.values()) == [False, True], results
        learner.refresh_from_db()
        assert learner.is_anonymised
        erasures = LearnerAccess.objects.filter(learner=learner, what=privacy.ANONYMISED)
        assert erasures.count() == 1
        wiped = Learner.history.filter(id=learner.pk, history_change_reason="Geanonimiseerd")
        assert wiped.count() == 1
