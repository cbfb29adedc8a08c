"""The digital kit: the public page, single downloads, the ZIP per kit version, the counts."""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from campaigns.kit import build as kit_build
from campaigns.kit.services import (
    count_download,
    delete_material_file,
    request_kit_archive,
    retry_kit_archive,
    save_material_file,
)
from campaigns.kit.tasks import build_kit_archive_task
from campaigns.models import Campaign, KitArchive, KitDownloadCount, MaterialFile, Participation
from steunpunt.core.figures import registry
from tests.campaigns.factories import (
    CampaignFactory,
    DigitalMaterialFactory,
    MaterialFileFactory,
    ParticipationFactory,
    PhysicalMaterialFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory(name="Steek een poot uit", slug="steek-een-poot-uit")


@pytest.fixture
def guide(campaign):
    material = DigitalMaterialFactory(
        campaign=campaign,
        name="Lerarenhandleiding",
        slug="lerarenhandleiding",
        category="teacher_guide",
        description="Zo voer je de campagne in je klas.",
    )
    return MaterialFileFactory(
        material=material,
        label="A4 om af te drukken",
        file=ContentFile(b"%PDF-1.7 " + b"x" * 2048, "handleiding.pdf"),
        size_bytes=2057,
    )


@pytest.fixture
def banner(campaign):
    material = DigitalMaterialFactory(campaign=campaign, name="Webbanner", slug="webbanner")
    return MaterialFileFactory(
        material=material,
        label="728 × 90 px",
        file=ContentFile(b"<svg xmlns='http://www.w3.org/2000/svg'/>" * 10, "banner.svg"),
        size_bytes=420,
    )


def kit_url(campaign):
    return reverse("campaigns:kit", kwargs={"slug": campaign.slug})


def zip_url(campaign):
    return reverse("campaigns:kit_zip", kwargs={"slug": campaign.slug})


def assert_no_cookie(response):
    assert "Set-Cookie" not in response.headers
    assert not response.cookies


# --- The kit page ---------------------------------------------------------------------------


def test_the_kit_page_lists_digital_materials_with_their_files_and_links(
    client, campaign, guide, banner, django_assert_max_num_queries
):
    DigitalMaterialFactory(
        campaign=campaign, name="Campagnefilm", slug="film", link="https://video.example/film"
    )
    PhysicalMaterialFactory(campaign=campaign, name="Roll-upbanner")
    DigitalMaterialFactory(campaign=CampaignFactory(), name="Banner van een andere campagne")
    # An anonymous visitor (no session): the campaign, "any files?", the ZIP row (get_or_create:
    # select + savepoint + insert + release), the materials, their files; more materials or
    # files add no query.
    with django_assert_max_num_queries(8):
        response = client.get(kit_url(campaign))
    page = response.content.decode()
    assert "Lerarenhandleiding" in page
    assert "A4 om af te drukken" in page
    assert "PDF, 2,0\xa0KB" in page
    assert "SVG, 420\xa0bytes" in page
    assert reverse("campaigns:file_download", kwargs={"uuid": guide.uuid}) in page
    assert 'href="https://video.example/film"' in page
    assert "Roll-upbanner" not in page
    assert "Banner van een andere campagne" not in page
    assert 'data-kit-zip-status="pending"' in page
    assert "We maken het ZIP-bestand klaar" in page
    assert "hx-get" in page  # the box polls until the ZIP is there
    assert_no_cookie(response)


def test_an_empty_kit_says_so_and_asks_no_zip(client, campaign):
    response = client.get(kit_url(campaign))
    assert "Er staan nog geen digitale materialen in deze kit" in response.content.decode()
    assert "kit-zip" not in response.content.decode()
    assert not KitArchive.objects.exists()


def test_a_draft_kit_is_only_for_coordinators_and_is_not_zipped(client, cast, guide):
    Campaign.objects.filter(pk=guide.material.campaign_id).update(status="draft")
    campaign = Campaign.objects.get(pk=guide.material.campaign_id)
    assert client.get(kit_url(campaign)).status_code == 404
    download = reverse("campaigns:file_download", kwargs={"uuid": guide.uuid})
    assert client.get(download).status_code == 404
    client.force_login(cast["coordinator"])
    response = client.get(kit_url(campaign))
    assert 'data-kit-zip-status="draft"' in response.content.decode()
    assert (
        reverse("campaigns:qr_report", kwargs={"slug": campaign.slug}) in response.content.decode()
    )
    assert not KitArchive.objects.exists()


# --- The ZIP ----------------------------------------------------------------------------------


def test_the_first_visit_queues_one_build_and_the_page_then_offers_the_zip(
    client, campaign, guide, banner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.get(kit_url(campaign))
    assert len(callbacks) == 1
    archive = KitArchive.objects.get(campaign=campaign, version=campaign.kit_version)
    assert archive.status == KitArchive.Status.READY
    assert archive.file_count == 2
    assert archive.attempts == 1
    # A second visit neither builds nor queues again.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page = client.get(kit_url(campaign)).content.decode()
    assert callbacks == []
    assert 'data-kit-zip-status="ready"' in page
    assert "2 bestanden" in page
    assert "hx-get" not in page

    response = client.get(zip_url(campaign))
    assert response.status_code == 200
    assert response.streaming  # a FileResponse: read from disk in blocks, never all at once
    assert response["Content-Type"] == "application/zip"
    assert 'filename="steek-een-poot-uit-digitale-kit.zip"' in response["Content-Disposition"]
    assert int(response["Content-Length"]) == archive.size_bytes
    assert_no_cookie(response)
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as zipped:
        assert sorted(zipped.namelist()) == [
            "lerarenhandleiding/handleiding.pdf",
            "webbanner/banner.svg",
        ]
        assert zipped.read("lerarenhandleiding/handleiding.pdf").startswith(b"%PDF-1.7 x")
        # Already compressed formats are stored; text formats are deflated.
        assert zipped.getinfo("lerarenhandleiding/handleiding.pdf").compress_type == 0
        assert zipped.getinfo("webbanner/banner.svg").compress_type == zipfile.ZIP_DEFLATED
    row = KitDownloadCount.objects.get()
    assert (row.material, row.school, row.count) == (None, None, 1)


def test_the_zip_link_before_the_zip_exists_leads_back_to_the_kit_page(client, campaign, guide):
    response = client.get(zip_url(campaign))
    assert response.status_code == 302
    assert response["Location"] == kit_url(campaign) + "#kit-zip"
    assert_no_cookie(response)
    assert not KitDownloadCount.objects.exists()


def test_the_build_task_is_idempotent(campaign, guide, django_capture_on_commit_callbacks):
    archive = request_kit_archive(campaign=campaign)
    assert build_kit_archive_task.apply(args=[archive.pk]).get() == "ready"
    first = KitArchive.objects.get(pk=archive.pk)
    assert build_kit_archive_task.apply(args=[archive.pk]).get() == "skipped"
    again = KitArchive.objects.get(pk=archive.pk)
    assert (again.attempts, again.finished_at, again.file.name) == (
        first.attempts,
        first.finished_at,
        first.file.name,
    )


def test_a_build_claimed_by_a_running_worker_is_left_alone(campaign, guide):
    from django.utils import timezone

    archive = request_kit_archive(campaign=campaign)
    KitArchive.objects.filter(pk=archive.pk).update(
        status="building", started_at=timezone.now(), attempts=1
    )
    assert build_kit_archive_task.apply(args=[archive.pk]).get() == "skipped"
    assert KitArchive.objects.get(pk=archive.pk).status == "building"
    # A worker that died an hour ago: the build is taken over.
    KitArchive.objects.filter(pk=archive.pk).update(
        started_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert build_kit_archive_task.apply(args=[archive.pk]).get() == "ready"
    assert KitArchive.objects.get(pk=archive.pk).attempts == 2


def test_a_failing_build_is_recorded_retried_and_can_be_started_again(
    campaign, guide, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(files, target):
        raise OSError("Schijf vol")

    monkeypatch.setattr(kit_build, "write_kit_zip", broken)
    archive = request_kit_archive(campaign=campaign)
    result = build_kit_archive_task.apply(args=[archive.pk])
    assert result.failed()
    archive.refresh_from_db()
    assert archive.status == KitArchive.Status.FAILED
    assert archive.last_error == "OSError: Schijf vol"
    assert archive.attempts == 1 + build_kit_archive_task.max_retries  # retried, then given up
    kits = Path(settings.MEDIA_ROOT) / "campaigns" / "kits"
    assert not [path for path in kits.rglob("*") if path.is_file()]  # no half-written ZIP left

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        retry_kit_archive(archive=archive)
    archive.refresh_from_db()
    assert archive.status == KitArchive.Status.READY
    assert archive.last_error == ""
    with pytest.raises(Exception, match="Alleen een mislukte ZIP"):
        retry_kit_archive(archive=archive)


def test_the_page_of_a_failed_zip_points_to_the_single_files(client, campaign, guide):
    KitArchive.objects.create(
        campaign=campaign, version=campaign.kit_version, status="failed", last_error="x"
    )
    page = client.get(kit_url(campaign)).content.decode()
    assert 'data-kit-zip-status="failed"' in page
    assert "Download de materialen hieronder apart" in page


# --- Changing the digital files: a new kit version ---------------------------------------------


def test_a_new_digital_file_bumps_the_kit_version_and_replaces_the_old_zip(
    campaign, guide, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        old = request_kit_archive(campaign=campaign)
    old.refresh_from_db()
    old_path = old.file.path
    new_file = MaterialFile(
        material=guide.material, label="Kort", file=ContentFile(b"nieuw" * 100, "kort.txt")
    )
    with django_capture_on_commit_callbacks(execute=True):
        save_material_file(material_file=new_file)
    campaign.refresh_from_db()
    assert campaign.kit_version == 2
    assert new_file.size_bytes == 500
    new = KitArchive.objects.get(campaign=campaign)  # the old row is gone
    assert (new.version, new.status, new.file_count) == (2, "ready", 2)
    assert not Path(old_path).exists()

    with django_capture_on_commit_callbacks(execute=True):
        delete_material_file(material_file=new_file)
    campaign.refresh_from_db()
    assert campaign.kit_version == 3
    assert KitArchive.objects.get(campaign=campaign).file_count == 1


def test_a_physical_materials_file_does_not_change_the_kit(campaign):
    poster = PhysicalMaterialFactory(campaign=campaign)
    save_material_file(
        material_file=MaterialFile(
            material=poster, label="Voorbeeld", file=ContentFile(b"x" * 10, "affiche.png")
        )
    )
    campaign.refresh_from_db()
    assert campaign.kit_version == 1


def test_the_admin_stores_the_size_and_bumps_the_version(client, cast, guide):
    from django.core.files.uploadedfile import SimpleUploadedFile

    material = guide.material
    client.force_login(cast["coordinator"])
    url = reverse("admin:campaigns_material_change", args=[material.pk])
    data = {
        "campaign": material.campaign_id,
        "kind": "digital",
        "category": material.category,
        "name": material.name,
        "slug": material.slug,
        "description": material.description,
        "order": 0,
        "files-TOTAL_FORMS": 2,
        "files-INITIAL_FORMS": 1,
        "files-MIN_NUM_FORMS": 0,
        "files-MAX_NUM_FORMS": 1000,
        "files-0-id": guide.pk,
        "files-0-material": material.pk,
        "files-0-order": 0,
        "files-0-label": guide.label,
        "files-0-DELETE": "on",
        "files-1-material": material.pk,
        "files-1-order": 1,
        "files-1-label": "Versie 2",
        "files-1-file": SimpleUploadedFile("handleiding-v2.pdf", b"%PDF" + b"y" * 996),
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    (stored,) = MaterialFile.objects.filter(material=material)
    assert (stored.label, stored.size_bytes) == ("Versie 2", 1000)
    material.campaign.refresh_from_db()
    assert material.campaign.kit_version == 3  # one for the removal, one for the new file


# --- Single downloads and the counts --------------------------------------------------------


def test_an_anonymous_download_is_a_stream_without_cookie_counted_per_material_and_day(
    client, guide
):
    url = reverse("campaigns:file_download", kwargs={"uuid": guide.uuid})
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="handleiding.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.7")
    assert_no_cookie(response)
    client.get(url)
    row = KitDownloadCount.objects.get()
    assert (row.material, row.school, row.count) == (guide.material, None, 2)
    assert row.day == datetime.date.today()


def test_a_school_contacts_download_counts_for_the_school(client, cast, guide):
    url = reverse("campaigns:file_download", kwargs={"uuid": guide.uuid})
    client.force_login(cast["school_contact"])
    client.get(url)
    client.force_login(cast["coordinator"])  # staff downloads count without a school
    client.get(url)
    counts = {
        (row.school_id, row.count)
        for row in KitDownloadCount.objects.filter(material=guide.material)
    }
    assert counts == {(cast["school"].pk, 1), (None, 1)}


def test_downloads_refuse_unknown_physical_and_posted_files(client, campaign):
    poster_file = MaterialFileFactory(material=PhysicalMaterialFactory(campaign=campaign))
    assert (
        client.get(
            reverse("campaigns:file_download", kwargs={"uuid": poster_file.uuid})
        ).status_code
        == 404
    )
    unknown = "00000000-0000-0000-0000-000000000000"
    assert (
        client.get(reverse("campaigns:file_download", kwargs={"uuid": unknown})).status_code == 404
    )
    digital = MaterialFileFactory(material=DigitalMaterialFactory(campaign=campaign))
    url = reverse("campaigns:file_download", kwargs={"uuid": digital.uuid})
    assert client.post(url).status_code == 405
    assert client.post(zip_url(campaign)).status_code == 405
    assert not KitDownloadCount.objects.exists()


def test_count_download_keeps_one_row_per_combination():
    campaign = CampaignFactory()
    material = DigitalMaterialFactory(campaign=campaign)
    day = datetime.date(2026, 10, 5)
    for _ in range(3):
        count_download(campaign=campaign, material=material, day=day)
    count_download(campaign=campaign, day=day)
    count_download(campaign=campaign, day=day + datetime.timedelta(days=1))
    rows = {(r.material_id, r.day, r.count) for r in KitDownloadCount.objects.all()}
    assert rows == {
        (material.pk, day, 3),
        (None, day, 1),
        (None, day + datetime.timedelta(days=1), 1),
    }


def test_download_figures_in_the_registry(cast):
    from tests.factories import SubregionFactory

    campaign = CampaignFactory()
    material = DigitalMaterialFactory(campaign=campaign)
    school_subregion = cast["school"].sites.get().postcode.subregion
    count_download(campaign=campaign, material=material, day=datetime.date(2026, 10, 1))
    count_download(
        campaign=campaign, material=material, school=cast["school"], day=datetime.date(2026, 10, 2)
    )
    count_download(campaign=campaign, school=cast["school"], day=datetime.date(2026, 10, 3))
    assert registry.value("campaigns.kit_downloads") == 3
    assert registry.value("campaigns.kit_downloads", moment=datetime.date(2026, 10, 2)) == 2
    assert registry.value("campaigns.kit_downloads", subregion=school_subregion) == 2
    assert registry.value("campaigns.kit_downloads", subregion=SubregionFactory()) == 0
    assert registry.value("campaigns.kit_zip_downloads", campaign=campaign) == 1


# --- Joining from the kit page ----------------------------------------------------------------


def test_a_school_contact_joins_from_the_kit_page_and_reaches_its_info_point(client, cast, guide):
    campaign = guide.material.campaign
    client.force_login(cast["school_contact"])
    page = client.get(kit_url(campaign)).content.decode()
    assert "Ja, onze school doet mee" in page
    response = client.post(
        reverse("campaigns:kit_join", kwargs={"slug": campaign.slug}),
        {"school": str(cast["school"].uuid)},
    )
    participation = Participation.objects.get(campaign=campaign, school=cast["school"])
    assert response["Location"] == reverse(
        "campaigns:info_point", kwargs={"uuid": participation.uuid}
    )
    page = client.get(kit_url(campaign)).content.decode()
    assert "Naar de QR-codes van jullie infopunt" in page


def test_joining_is_refused_for_other_schools_other_roles_and_get(client, cast, campaign):
    url = reverse("campaigns:kit_join", kwargs={"slug": campaign.slug})
    client.force_login(cast["outsider"])
    assert client.post(url, {"school": str(cast["school"].uuid)}).status_code == 404
    client.force_login(cast["company_contact"])
    assert client.post(url).status_code == 403
    client.force_login(cast["school_contact"])
    assert client.get(url).status_code == 405
    assert not Participation.objects.exists()


def test_joining_a_closed_campaign_gives_a_message(client, cast):
    campaign = CampaignFactory(status="closed")
    client.force_login(cast["school_contact"])
    response = client.post(
        reverse("campaigns:kit_join", kwargs={"slug": campaign.slug}), follow=True
    )
    assert "Deze campagne loopt niet (meer)." in response.content.decode()
    assert not ParticipationFactory._meta.model.objects.exists()


def test_deleting_digital_material_in_the_admin_changes_the_kit(client, cast, guide):
    campaign = guide.material.campaign
    poster = PhysicalMaterialFactory(campaign=campaign)
    client.force_login(cast["coordinator"])
    url = reverse("admin:campaigns_material_delete", args=[poster.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    campaign.refresh_from_db()
    assert campaign.kit_version == 1  # physical material: the kit is the same
    url = reverse("admin:campaigns_material_delete", args=[guide.material.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    campaign.refresh_from_db()
    assert campaign.kit_version == 2
    assert not MaterialFile.objects.exists()


def test_the_zip_box_polls_until_the_zip_is_ready(
    client, campaign, guide, django_capture_on_commit_callbacks
):
    url = reverse("campaigns:kit_zip_status", kwargs={"slug": campaign.slug})
    fragment = client.get(url).content.decode()
    assert fragment.lstrip().startswith('<section id="kit-zip"')  # the box only, no page
    assert 'hx-trigger="every 5s"' in fragment
    assert "We maken het ZIP-bestand klaar" in fragment
    archive = KitArchive.objects.get(campaign=campaign)
    with django_capture_on_commit_callbacks(execute=True):
        build_kit_archive_task.delay(archive.pk)
    fragment = client.get(url).content.decode()
    assert "hx-get" not in fragment
    assert zip_url(campaign) in fragment
