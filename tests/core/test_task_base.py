"""The task base of every portal task (steunpunt.celery.PortalTask), run eagerly as in tests.

Queued after commit, run in nl-be and Europe/Brussels, retried with back-off for errors that can
pass and not for the others, the final failure recorded once as a JobFailure and handed once to
the task's on_final_failure hook.
"""

import smtplib
from unittest import mock

import pytest
from django.db import OperationalError, transaction
from django.utils import timezone, translation

from steunpunt.celery import PermanentTaskError, PortalTask, app, portal_task
from steunpunt.core.models import JobFailure

pytestmark = pytest.mark.django_db

RUNS: list = []  # what the tasks below did (eager: in this process)
HOOK_CALLS: list = []


class Boom(Exception):
    pass


@portal_task
def note(value: str) -> str:
    RUNS.append(value)
    return value


@portal_task
def where_am_i() -> tuple[str, str]:
    return translation.get_language(), timezone.get_current_timezone_name()


def remember_failure(task, exc, args, kwargs):
    HOOK_CALLS.append((task.name, type(exc).__name__, str(exc), args, kwargs))


@portal_task(bind=True, on_final_failure=remember_failure)
def always_failing(self, error_kind: str, message: str) -> None:
    RUNS.append(self.request.retries)
    errors = {
        "connection": ConnectionError,
        "smtp": smtplib.SMTPServerDisconnected,
        "database": OperationalError,
        "value": ValueError,
    }
    if error_kind == "permanent":
        try:
            raise ConnectionRefusedError(message)
        except ConnectionRefusedError as error:
            raise PermanentTaskError(message) from error
    raise errors[error_kind](message)


@portal_task(max_retries=6)
def failing_longer() -> None:
    RUNS.append("try")
    raise TimeoutError("de server antwoordt niet")


def broken_hook(task, exc, args, kwargs):
    raise RuntimeError("de haak zelf faalt")


@portal_task(on_final_failure=broken_hook)
def failing_with_broken_hook() -> None:
    raise ValueError("slechte gegevens")


@pytest.fixture(autouse=True)
def fresh_lists():
    RUNS.clear()
    HOOK_CALLS.clear()
    yield
    RUNS.clear()
    HOOK_CALLS.clear()


def real(task):
    """The task object itself (shared_task hands out a proxy)."""
    return app.tasks[task.name]


def test_the_tasks_here_are_built_on_the_portal_base():
    assert isinstance(real(note), PortalTask)
    assert isinstance(real(always_failing), PortalTask)


# --- queued after commit --------------------------------------------------------------------


def test_a_task_queued_in_a_rolled_back_transaction_never_runs(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Boom), transaction.atomic():
            note.delay("teruggedraaid")
            raise Boom
    assert callbacks == []
    assert RUNS == []


def test_a_task_queued_in_a_transaction_runs_only_after_the_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            result = note.delay("na de commit")
            with transaction.atomic():  # a savepoint inside: still only after the outer commit
                note.delay("genest")
        assert RUNS == []  # committed to the test's transaction, not yet run
    assert len(callbacks) == 2
    assert RUNS == ["na de commit", "genest"]
    assert result.id  # the id the task got when it was sent


def test_a_rolled_back_savepoint_drops_only_its_own_tasks(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            note.delay("blijft")
            with pytest.raises(Boom), transaction.atomic():
                note.delay("weg")
                raise Boom
    assert RUNS == ["blijft"]


def test_outside_a_transaction_a_task_is_sent_at_once():
    result = note.delay("meteen")
    assert RUNS == ["meteen"]
    assert result.successful() and result.result == "meteen"


def test_a_retry_of_a_running_task_is_sent_at_once_even_inside_a_transaction():
    with transaction.atomic():
        note.apply_async(args=["opnieuw"], retries=1)
        assert RUNS == ["opnieuw"]


@pytest.mark.django_db(transaction=True)
def test_with_real_commits_the_task_follows_the_transaction():
    with pytest.raises(Boom), transaction.atomic():
        note.delay("nooit")
        raise Boom
    with transaction.atomic():
        note.delay("gecommit")
        assert RUNS == []
    assert RUNS == ["gecommit"]


# --- language and time zone -----------------------------------------------------------------


def test_every_run_is_in_dutch_and_in_brussels_time():
    with translation.override("en"), timezone.override("UTC"):
        assert where_am_i.apply().result == ("nl-be", "Europe/Brussels")
        assert where_am_i.delay().result == ("nl-be", "Europe/Brussels")
        assert translation.get_language() == "en"  # the caller's own settings are back after
        assert timezone.get_current_timezone_name() == "UTC"


# --- retries and the final failure ----------------------------------------------------------


@pytest.mark.parametrize("error_kind", ["connection", "smtp", "database"])
def test_an_error_that_can_pass_is_retried_with_backoff_then_recorded_once(error_kind):
    task = real(always_failing)
    with (
        mock.patch.object(task, "retry", wraps=task.retry) as retry,
        mock.patch("celery.utils.time.random.randrange", side_effect=lambda n: n - 1) as jitter,
    ):
        result = always_failing.apply(args=[error_kind, "even weg"])

    assert result.failed()
    assert RUNS == [0, 1, 2, 3]  # the first attempt and max_retries (3) retries
    # Exponential from 30 s; each wait is drawn between 0 and that (here the top of the range).
    # The fourth call finds no retry left and raises the error instead.
    assert [c.kwargs["countdown"] for c in retry.call_args_list] == [30, 60, 120, 240]
    assert [c.args[0] for c in jitter.call_args_list] == [31, 61, 121, 241]
    failure = JobFailure.objects.get()
    assert failure.task_name == "tests.core.test_task_base.always_failing"
    assert failure.task_id == result.id
    assert "even weg" in failure.exception
    assert error_kind in failure.arguments
    assert HOOK_CALLS == [
        (failure.task_name, type(result.result).__name__, "even weg", (error_kind, "even weg"), {})
    ]


def test_the_backoff_stops_growing_at_ten_minutes():
    task = real(failing_longer)
    with (
        mock.patch.object(task, "retry", wraps=task.retry) as retry,
        mock.patch("celery.utils.time.random.randrange", side_effect=lambda n: n - 1),
    ):
        failing_longer.apply()
    assert len(RUNS) == 7
    countdowns = [c.kwargs["countdown"] for c in retry.call_args_list]
    assert countdowns == [30, 60, 120, 240, 480, 600, 600]  # the last one: no retry left
    assert JobFailure.objects.count() == 1


@pytest.mark.parametrize("error_kind", ["permanent", "value"])
def test_a_permanent_error_is_not_retried(error_kind):
    task = real(always_failing)
    with mock.patch.object(task, "retry", wraps=task.retry) as retry:
        result = always_failing.apply(args=[error_kind, "nooit goed"])

    assert result.failed()
    assert RUNS == [0]
    retry.assert_not_called()
    failure = JobFailure.objects.get()
    assert "nooit goed" in failure.exception
    assert len(HOOK_CALLS) == 1 and HOOK_CALLS[0][2] == "nooit goed"


def test_a_failing_task_queued_after_commit_is_recorded_under_the_id_it_was_given(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            result = always_failing.delay("value", "na de commit mislukt")
    assert JobFailure.objects.get().task_id == result.id
    assert len(HOOK_CALLS) == 1


def test_a_failing_hook_does_not_hide_the_failure():
    result = failing_with_broken_hook.apply()
    assert result.failed() and isinstance(result.result, ValueError)
    assert "slechte gegevens" in JobFailure.objects.get().exception


def test_a_successful_task_records_nothing():
    assert note.apply(args=["goed"]).successful()
    assert not JobFailure.objects.exists()
    assert HOOK_CALLS == []
