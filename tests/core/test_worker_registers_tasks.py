"""A real worker knows every task the code can queue (eager mode off, Redis as the broker).

In tests tasks run eagerly, so a task that only exists in a module the worker never imports
(a tool's tasks not re-exported by its app's tasks.py, a renamed task still in a beat schedule)
passes every other test and fails in production with "Received unregistered task". Here a
`celery -A steunpunt worker` process is asked for the task names it registered, and they are
compared with every task the project's modules define, every task name they spell out to queue
by name, and every task a django-celery-beat schedule names after the migrations.
"""

import ast
import os
import re
import signal
import subprocess
import sys
import time
import uuid

import pytest
from django_celery_beat.models import PeriodicTask

from steunpunt.celery import app
from tests.project_modules import ROOT, project_modules, project_packages, project_tasks

pytestmark = [pytest.mark.services, pytest.mark.django_db]

# Beat schedules that may name a task no worker registers: none. (This test found two, the
# calendar reminders and the learner anonymisation, refused every night as "unregistered task";
# campaigns 0013 and matchmaking 0007 gave their schedules the registered names.)
KNOWN_UNREGISTERED_SCHEDULES: set[str] = set()

STARTUP_TIMEOUT = 120  # seconds: Django and every app imported on a busy 2-core machine


def task_names_in_strings() -> set[str]:
    """Task names the code spells out to queue by name (`app.send_task(outbox.DISPATCH_TASK)`):
    every string constant of a project module shaped like `<app>...tasks.<function>`."""
    roots = "|".join(project_packages())
    shape = re.compile(rf"^({roots})(\.\w+)*\.(\w+_)?tasks\.\w+$")
    names = set()
    for path in project_modules().values():
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if shape.match(node.value):
                    names.add(node.value)
    return names


def start_worker(redis_url: str, nodename: str, queue: str, log) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "1",
        "TESTING": "0",  # the worker's own settings: eager mode off
        "CELERY_BROKER_URL": redis_url,
    }
    return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "steunpunt",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
            f"--hostname={nodename}",
            f"--queues={queue}",  # a queue of its own: it takes no task from anybody else
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def registered_names(redis_url: str, nodename: str, process: subprocess.Popen, log_path) -> set:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    with app.connection_for_write(redis_url) as connection:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(
                    f"The worker stopped (exit {process.returncode}):\n{log_path.read_text()}"
                )
            inspect = app.control.inspect(destination=[nodename], timeout=2, connection=connection)
            replies = inspect.registered() or {}
            if nodename in replies:
                return set(replies[nodename])
    pytest.fail(f"The worker did not answer within {STARTUP_TIMEOUT} s:\n{log_path.read_text()}")


@pytest.fixture
def worker_task_names(redis_url, tmp_path):
    nodename = f"registry-{uuid.uuid4().hex[:8]}@test"
    log_path = tmp_path / "worker.log"
    with open(log_path, "wb") as log:
        process = start_worker(redis_url, nodename, f"registry-{uuid.uuid4().hex}", log)
        try:
            yield registered_names(redis_url, nodename, process, log_path)
        finally:
            stop(process)


def test_the_worker_registers_every_task_the_code_defines_or_beat_schedules(worker_task_names):
    defined = set(project_tasks())
    scheduled = set(PeriodicTask.objects.values_list("task", flat=True))
    spelled_out = task_names_in_strings()
    # The lists compared are not empty by accident: the outbox and the nightly jobs are there.
    assert "steunpunt.core.tasks.dispatch_outbox" in defined
    assert "steunpunt.inbox.tasks.anonymise_old_questions" in scheduled
    assert "steunpunt.core.tasks.dispatch_outbox" in spelled_out  # outbox.DISPATCH_TASK

    missing_defined = sorted(defined - worker_task_names)
    missing_scheduled = sorted(scheduled - worker_task_names - KNOWN_UNREGISTERED_SCHEDULES)
    fixed = sorted(KNOWN_UNREGISTERED_SCHEDULES - (scheduled - worker_task_names))
    missing_spelled_out = sorted(spelled_out - worker_task_names)
    assert not missing_defined, (
        "Tasks the code defines but a worker does not register (re-export them from the app's "
        "tasks.py, which Celery's autodiscovery imports): " + ", ".join(missing_defined)
    )
    assert not missing_scheduled, (
        "Tasks a beat schedule (django_celery_beat PeriodicTask) names but no worker knows "
        "(a renamed task needs a data migration for its schedule): " + ", ".join(missing_scheduled)
    )
    assert not fixed, f"Fixed: take them out of KNOWN_UNREGISTERED_SCHEDULES: {fixed}"
    assert not missing_spelled_out, (
        "Task names the code queues by name but no worker knows: " + ", ".join(missing_spelled_out)
    )
