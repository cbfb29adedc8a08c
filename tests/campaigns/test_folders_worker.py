"""The folder task through a real broker: the page queues it on commit, a worker (Redis, pool
"solo" in a thread of this process, so it sees the test database) makes the PDF, and the
status fragment the page polls shows the progress until the download is there."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.urls import reverse

from campaigns.models import FolderBatchItem, ParentFolder
from steunpunt.celery import app
from tests.campaigns import folders_helpers
from tests.campaigns.factories import ParticipationFactory
from tests.campaigns.folders_helpers import pdf_text
from tests.core import test_celery_e2e as celery_e2e
from tests.factories import SchoolFactory

pytestmark = pytest.mark.services

campaign, offer = folders_helpers.campaign, folders_helpers.offer
celery_conf = celery_e2e.celery_conf  # the fixture that restores app.conf


def wait_until(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError("The worker did not finish in time.")


def test_a_worker_makes_the_folder_and_the_batch(
    transactional_db, settings, redis_url, celery_conf, client, cast, campaign, offer
):
    # celery_conf first: it saves today's value (eager) to put back, before settings change.
    celery_conf(task_always_eager=False, broker_url=redis_url, worker_hijack_root_logger=False)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    url = reverse("campaigns:folder", kwargs={"slug": campaign.slug})
    with start_worker(
        app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30
    ):
        client.force_login(cast["school_contact"])
        assert client.post(url, {"action": "make"}).status_code == 302
        folder = ParentFolder.objects.get()
        status_url = reverse("campaigns:folder_status", kwargs={"uuid": folder.uuid})
        fragments = []

        def ready():
            fragments.append(client.get(status_url).text)
            return "Download je folder (PDF)" in fragments[-1]

        wait_until(ready)
        folder.refresh_from_db()
        assert folder.status == ParentFolder.Status.READY
        assert "Elektrotechnieken duaal" in pdf_text(folder.pdf.read())

        # The coordinators' batch: the school above is up to date, a new school gets a PDF.
        ParticipationFactory(campaign=campaign, school=SchoolFactory(name="KTA Brugge"))
        client.force_login(cast["coordinator"])
        batch_url = reverse("campaigns:staff_folder_batch", kwargs={"slug": campaign.slug})
        assert client.post(batch_url).status_code == 302
        wait_until(
            lambda: not FolderBatchItem.objects.filter(status=FolderBatchItem.Status.PENDING)
        )
    results = dict(
        FolderBatchItem.objects.values_list("folder__participation__school__name", "status")
    )
    assert results == {
        "VTI Roeselare": FolderBatchItem.Status.UNCHANGED,
        "KTA Brugge": FolderBatchItem.Status.DONE,
    }
