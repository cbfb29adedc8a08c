"""The snapshot task: it computes a provisional moment (idempotently), leaves a final moment alone,
retries a failure and records the final one, which the moment's page then shows."""

from datetime import date
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from dashboard import running, services, snapshots, tasks
from dashboard.models import FigureValue
from steunpunt.core.models import JobFailure
from tests.dashboard.test_views import logged_in, text_of
from tests.factories import ProgrammeOfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, coordinator, settings):
    return logged_in(client, coordinator, settings)


@pytest.fixture
def moment(db):
    ProgrammeOfferFactory()
    return services.create_moment(name="Nu", date=date.today(), actor=None)


def test_the_task_computes_the_moment_and_running_it_twice_changes_nothing(moment, coordinator):
    running.mark_running(moment.pk)
    written = tasks.compute_moment_snapshot.apply(
        kwargs={"actor_id": coordinator.pk, "moment_id": moment.pk}
    ).get()
    assert written > 0
    values = FigureValue.objects.filter(moment=moment, source="computed")
    assert values.count() == written
    assert set(values.values_list("recorded_by", flat=True)) == {coordinator.pk}
    first = set(values.values_list("figure", "subregion", "provider_type", "key", "value"))
    assert not running.is_running(moment.pk)

    again = tasks.compute_moment_snapshot.apply(kwargs={"moment_id": moment.pk}).get()
    assert again == written
    assert set(values.values_list("figure", "subregion", "provider_type", "key", "value")) == first


def test_a_final_or_missing_moment_is_left_alone(moment):
    services.finalise(moment=moment, actor=None)
    with mock.patch.object(snapshots, "compute_snapshot") as compute:
        assert tasks.compute_moment_snapshot.apply(kwargs={"moment_id": moment.pk}).get() == 0
        assert tasks.compute_moment_snapshot.apply(kwargs={"moment_id": 999999}).get() == 0
    compute.assert_not_called()


def test_a_passing_failure_is_retried(moment):
    real = snapshots.compute_snapshot
    calls = []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database even weg")
        return real(**kwargs)

    with mock.patch.object(snapshots, "compute_snapshot", side_effect=flaky):
        result = tasks.compute_moment_snapshot.apply(kwargs={"moment_id": moment.pk})
    assert result.successful()
    assert len(calls) == 2
    moment.refresh_from_db()
    assert moment.computed_at is not None
    assert not JobFailure.objects.exists()


def test_a_bug_is_not_retried_but_recorded_at_once(moment):
    """The task base retries only errors that can pass; a RuntimeError is a bug or bad data."""
    running.mark_running(moment.pk)
    with mock.patch.object(
        snapshots, "compute_snapshot", side_effect=RuntimeError("de registry weigert")
    ) as compute:
        result = tasks.compute_moment_snapshot.apply(kwargs={"moment_id": moment.pk})
    assert result.failed()
    assert compute.call_count == 1
    assert "de registry weigert" in JobFailure.objects.get().exception
    assert not running.is_running(moment.pk)


def test_a_lasting_failure_is_recorded_and_shown_on_the_moment_page(moment, staff_client):
    running.mark_running(moment.pk)
    with mock.patch.object(
        snapshots, "compute_snapshot", side_effect=OperationalError("de database blijft weg")
    ) as compute:
        result = tasks.compute_moment_snapshot.apply(kwargs={"moment_id": moment.pk})
    assert result.failed()
    assert compute.call_count == 4  # the first attempt and three retries
    failure = JobFailure.objects.get()
    assert failure.task_name == "dashboard.tasks.compute_moment_snapshot"
    assert "de database blijft weg" in failure.exception
    assert not running.is_running(moment.pk)

    page = text_of(
        staff_client.get(
            reverse("dashboard:moment_detail", kwargs={"day": moment.date.isoformat()})
        )
    )
    assert "De laatste berekening is mislukt." in page
    assert "OperationalError: de database blijft weg" in page

    # A later successful computation hides the old failure.
    tasks.compute_moment_snapshot.apply(kwargs={"moment_id": moment.pk})
    page = text_of(
        staff_client.get(
            reverse("dashboard:moment_detail", kwargs={"day": moment.date.isoformat()})
        )
    )
    assert "De laatste berekening is mislukt." not in page


def test_the_page_says_bezig_while_the_task_runs(moment, staff_client):
    running.mark_running(moment.pk)
    page = text_of(
        staff_client.get(
            reverse("dashboard:moment_detail", kwargs={"day": moment.date.isoformat()})
        )
    )
    assert "Berekening bezig." in page
    body = staff_client.get(
        reverse("dashboard:moment_detail", kwargs={"day": moment.date.isoformat()})
    ).content.decode()
    assert 'hx-trigger="every 5s"' in body  # htmx reloads the status while it runs
    tasks.compute_moment_snapshot.apply(kwargs={"moment_id": moment.pk})
    body = staff_client.get(
        reverse("dashboard:moment_detail", kwargs={"day": moment.date.isoformat()})
    ).content.decode()
    assert "Berekening bezig." not in body and 'hx-trigger="every 5s"' not in body


def test_a_failure_stored_under_the_old_task_name_still_shows_after_the_migration(
    moment, staff_client
):
    """Before the dashboard left steunpunt/, the task was "steunpunt.dashboard.tasks...": the
    data migration renames the stored failures, so the moment's page still finds them."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("dashboard.migrations.0003_task_name_top_level_app")
    [(old, new)] = migration.RENAMES
    assert new == tasks.compute_moment_snapshot.name
    JobFailure.objects.create(
        task_name=old, arguments=f"{{'moment_id': {moment.pk}}}", exception="oude fout"
    )
    url = reverse("dashboard:moment_detail", kwargs={"day": moment.date.isoformat()})
    assert "oude fout" not in text_of(staff_client.get(url))

    migration.forwards(apps, None)
    assert JobFailure.objects.get().task_name == new
    assert "oude fout" in text_of(staff_client.get(url))

    migration.backwards(apps, None)
    assert JobFailure.objects.get().task_name == old
