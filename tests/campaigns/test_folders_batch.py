"""The coordinators' batch: all participating schools, progress, a result per school, a failing
school recorded without stopping the others, retrying the failures."""

import pytest
from django.urls import reverse

from campaigns.folders import build as folders_build
from campaigns.folders import services as folders_services
from campaigns.models import Campaign, FolderBatch, FolderBatchItem, ParentFolder
from tests.campaigns import folders_helpers
from tests.campaigns.factories import ParticipationFactory
from tests.campaigns.folders_factories import FolderBatchItemFactory, ReadyFolderFactory
from tests.campaigns.folders_helpers import pdf_text
from tests.factories import ProgrammeOfferFactory, SchoolFactory, SiteFactory

pytestmark = pytest.mark.django_db

campaign = folders_helpers.campaign


def batch_url(campaign):
    return reverse("campaigns:staff_folder_batch", kwargs={"slug": campaign.slug})


@pytest.fixture
def schools(campaign):
    """Three participating schools, each with one programme of its own."""
    made = []
    for name in ("GO! Atheneum Ieper", "KTA Brugge", "VTI Kortrijk"):
        school = SchoolFactory(name=name)
        ProgrammeOfferFactory(
            site=SiteFactory(organisation=school), programme__name=f"Opleiding van {name}"
        )
        ParticipationFactory(campaign=campaign, school=school)
        made.append(school)
    return made


def start(client, campaign, callbacks):
    with callbacks(execute=True):
        response = client.post(batch_url(campaign))
    assert response.status_code == 302
    return FolderBatch.objects.latest("started_at")


def test_the_page_before_any_batch_says_so(client, cast, campaign, schools):
    client.force_login(cast["coordinator"])
    response = client.get(batch_url(campaign))
    assert "Er is nog geen reeks gestart voor deze campagne." in response.text
    assert "3 scholen doen mee aan deze campagne." in response.text


def test_a_batch_makes_every_schools_folder_and_one_failure_stops_nothing(
    client, cast, campaign, schools, monkeypatch, django_capture_on_commit_callbacks
):
    real_render = folders_build.render_parent_folder_pdf

    def render(inputs):
        if inputs.school_name == "KTA Brugge":
            raise RuntimeError("lettertype ontbreekt")
        return real_render(inputs)

    monkeypatch.setattr(folders_build, "render_parent_folder_pdf", render)
    client.force_login(cast["coordinator"])
    batch = start(client, campaign, django_capture_on_commit_callbacks)

    results = {
        item.folder.participation.school.name: item
        for item in batch.items.select_related("folder__participation__school")
    }
    assert set(results) == {"GO! Atheneum Ieper", "KTA Brugge", "VTI Kortrijk"}
    assert results["GO! Atheneum Ieper"].status == FolderBatchItem.Status.DONE
    assert results["VTI Kortrijk"].status == FolderBatchItem.Status.DONE
    failed = results["KTA Brugge"]
    assert failed.status == FolderBatchItem.Status.FAILED
    assert "lettertype ontbreekt" in failed.error
    assert failed.folder.status == ParentFolder.Status.FAILED
    assert failed.folder.attempts == 1  # a bug is not retried (the portal's task base)
    ieper = results["GO! Atheneum Ieper"].folder
    assert "Opleiding van GO! Atheneum Ieper" in pdf_text(ieper.pdf.read())

    page = client.get(batch.get_absolute_url())
    assert "3 van 3 scholen afgewerkt" in page.text
    assert "Mislukt: 1" in page.text and "Nieuw gemaakt: 2" in page.text
    assert "RuntimeError: lettertype ontbreekt" in page.text
    assert "Probeer de mislukte folders opnieuw" in page.text
    assert "hx-trigger" not in page.text  # finished: no more polling

    # The cause is fixed; the coordinator retries only the failed school.
    monkeypatch.setattr(folders_build, "render_parent_folder_pdf", real_render)
    made_before = ieper.pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(batch.get_absolute_url(), follow=True)
    assert "1 school staat opnieuw in de wachtrij." in response.text
    failed.refresh_from_db()
    assert failed.status == FolderBatchItem.Status.DONE and failed.error == ""
    ieper.refresh_from_db()
    assert ieper.pdf.name == made_before  # the others are not made again


def test_a_second_batch_leaves_up_to_date_folders_alone(
    client, cast, campaign, schools, django_capture_on_commit_callbacks
):
    client.force_login(cast["coordinator"])
    start(client, campaign, django_capture_on_commit_callbacks)
    names = set(ParentFolder.objects.values_list("pdf", flat=True))

    schools[0].name = "GO! Atheneum Ieper-Poperinge"
    schools[0].save()
    second = start(client, campaign, django_capture_on_commit_callbacks)
    statuses = dict(second.items.values_list("folder__participation__school_id", "status"))
    assert statuses == {
        schools[0].pk: FolderBatchItem.Status.DONE,
        schools[1].pk: FolderBatchItem.Status.UNCHANGED,
        schools[2].pk: FolderBatchItem.Status.UNCHANGED,
    }
    new_names = set(ParentFolder.objects.values_list("pdf", flat=True))
    assert len(new_names - names) == 1  # only the changed school got a new PDF


def test_progress_while_a_batch_runs_and_the_htmx_fragment(client, cast, campaign, schools):
    client.force_login(cast["coordinator"])
    batch = folders_services.start_folder_batch(campaign=campaign, actor=cast["coordinator"])
    # Outside a commit nothing ran yet: three schools waiting.
    assert set(batch.items.values_list("status", flat=True)) == {FolderBatchItem.Status.PENDING}
    assert set(ParentFolder.objects.values_list("status", flat=True)) == {"queued"}
    page = client.get(batch.get_absolute_url())
    assert "0 van 3 scholen afgewerkt" in page.text
    assert 'hx-trigger="every 3s"' in page.text
    fragment = client.get(batch.get_absolute_url(), headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith('<div id="batch-progress"')
    assert "<html" not in fragment.text


def test_no_participating_school_no_batch(client, cast, campaign):
    client.force_login(cast["coordinator"])
    response = client.post(batch_url(campaign), follow=True)
    assert "Er doen nog geen scholen mee aan deze campagne." in response.text
    assert not FolderBatch.objects.exists()


def test_a_draft_campaign_gets_no_batch(client, cast, campaign, schools):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DRAFT)
    client.force_login(cast["coordinator"])
    response = client.post(batch_url(campaign), follow=True)
    assert "Deze campagne is nog in voorbereiding." in response.text
    assert not FolderBatch.objects.exists()


def test_only_coordinators_start_or_see_batches(client, cast, campaign, schools):
    item = FolderBatchItemFactory(folder__participation__school=cast["school"])
    detail = item.batch.get_absolute_url()
    for role in ("school_contact", "outsider", "pof_secretary", "company_contact"):
        client.force_login(cast[role])
        assert client.post(batch_url(campaign)).status_code == 403
        assert client.get(detail).status_code == 403
        assert client.post(detail).status_code == 403
    assert not FolderBatch.objects.filter(campaign=campaign).exists()


def test_the_batch_pages_have_a_fixed_number_of_queries(
    client, cast, campaign, django_assert_max_num_queries
):
    client.force_login(cast["coordinator"])
    batch = FolderBatch.objects.create(campaign=campaign, started_by=cast["coordinator"])
    for n in range(25):
        folder = ReadyFolderFactory(
            participation__campaign=campaign, participation__school__name=f"School {n:02d}"
        )
        FolderBatchItem.objects.create(batch=batch, folder=folder, status="done")
    FolderBatch.objects.create(campaign=campaign, started_by=cast["coordinator"])
    # Session, user, its 2FA authenticator, its role groups (4), the batch (1), the counts
    # per status (1), the items with folder, school and campaign (1).
    with django_assert_max_num_queries(7):
        response = client.get(batch.get_absolute_url())
    assert response.text.count('data-item-status="done"') == 25
    # Session, user, 2FA authenticator, role groups (4), the campaign (1), the batches with
    # their counts (1), the number of participating schools (1).
    with django_assert_max_num_queries(7):
        response = client.get(batch_url(campaign))
    assert response.text.count("/campagnes/beheer/ouderfolders/") == 2
