"""A school's parent folder: settings, the PDF made by the task, out of date, access."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.folders import build as folders_build
from campaigns.folders import selectors as folders_selectors
from campaigns.folders.tasks import generate_parent_folder
from campaigns.models import Campaign, ParentFolder, Participation
from tests.campaigns import folders_helpers
from tests.campaigns.folders_factories import ParentFolderFactory, ReadyFolderFactory
from tests.campaigns.folders_helpers import image_bytes, pdf_image_count, pdf_text
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

# Shared fixtures (named here so pytest finds them in this module).
campaign, offer, contact = folders_helpers.campaign, folders_helpers.offer, folders_helpers.contact


def folder_url(campaign, school=None):
    url = reverse("campaigns:folder", kwargs={"slug": campaign.slug})
    return f"{url}?school={school.uuid}" if school else url


def make(client, campaign, callbacks, school=None):
    with callbacks(execute=True) as queued:
        response = client.post(folder_url(campaign, school), {"action": "make"})
    assert response.status_code == 302
    return queued


def the_folder(campaign, school) -> ParentFolder:
    return ParentFolder.objects.get(participation__campaign=campaign, participation__school=school)


def test_the_page_without_a_folder_says_so_and_offers_to_make_one(client, cast, campaign):
    client.force_login(cast["school_contact"])
    response = client.get(folder_url(campaign))
    assert response.status_code == 200
    assert "Je hebt nog geen folder gemaakt" in response.text
    assert "Maak mijn folder" in response.text
    assert "VTI Roeselare" in response.text
    assert not Participation.objects.exists()  # looking joins nothing


def test_a_school_makes_its_folder_with_name_logo_contact_word_and_programmes(
    client, cast, campaign, offer, contact, django_capture_on_commit_callbacks
):
    client.force_login(cast["school_contact"])
    school = cast["school"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            folder_url(campaign),
            {
                "action": "settings",
                "contact_person": contact.pk,
                "personal_word": "Welkom op onze infoavond op 12 maart!",
            },
        )
        client.post(
            folder_url(campaign),
            {"action": "logo", "logo": SimpleUploadedFile("logo.png", image_bytes("PNG"))},
        )
    queued = make(client, campaign, django_capture_on_commit_callbacks)
    assert len(queued) == 1  # one task queued, on commit

    folder = the_folder(campaign, school)
    assert folder.status == ParentFolder.Status.READY
    assert folder.progress == 100
    assert folder.attempts == 1
    assert folder.pdf_hash == folders_selectors.folder_inputs(folder).hash
    assert folder.participation.contact_person == contact

    response = client.get(reverse("campaigns:folder_download", kwargs={"uuid": folder.uuid}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="ouderfolder-vti-roeselare.pdf"' in response["Content-Disposition"]
    pdf = b"".join(response.streaming_content)
    text = pdf_text(pdf)
    assert "VTI Roeselare" in text
    assert "Elektrotechnieken duaal" in text
    assert "Izegem, Roeselare" in text  # one programme, both its towns
    assert "Zorgkundige duaal" in text
    assert "Bakker duaal" not in text  # another school year
    assert "Schilder duaal" not in text  # no longer offered
    assert "Ine Vandamme" in text and "ine@vti.test" in text and "051 22 33 44" in text
    assert "Welkom op onze infoavond op 12 maart!" in text
    assert "Onze duale opleidingen in 2026-2027" in text
    assert pdf_image_count(pdf) == 1  # the logo

    page = client.get(folder_url(campaign))
    assert "Je folder is klaar en up-to-date." in page.text
    assert "Download je folder (PDF)" in page.text


def test_another_schools_programmes_never_end_up_in_the_folder(
    client, cast, campaign, offer, django_capture_on_commit_callbacks
):
    from tests.factories import ProgrammeFactory, ProgrammeOfferFactory, SiteFactory

    ProgrammeOfferFactory(
        programme=ProgrammeFactory(name="Metselaar duaal"),
        site=SiteFactory(organisation=cast["other_school"]),
    )
    client.force_login(cast["school_contact"])
    make(client, campaign, django_capture_on_commit_callbacks)
    folder = the_folder(campaign, cast["school"])
    text = pdf_text(folder.pdf.read())
    assert "Elektrotechnieken duaal" in text
    assert "Metselaar duaal" not in text


def test_unchanged_inputs_make_no_new_pdf(
    client, cast, campaign, offer, django_capture_on_commit_callbacks
):
    client.force_login(cast["school_contact"])
    make(client, campaign, django_capture_on_commit_callbacks)
    folder = the_folder(campaign, cast["school"])
    first_name, first_time = folder.pdf.name, folder.generated_at

    queued = make(client, campaign, django_capture_on_commit_callbacks)
    assert queued == []  # nothing queued
    folder.refresh_from_db()
    assert (folder.pdf.name, folder.generated_at) == (first_name, first_time)
    # The task itself is idempotent too: run again on a ready folder, it claims nothing.
    assert generate_parent_folder.apply(args=[folder.pk]).get() == "skipped"
    folder.refresh_from_db()
    assert folder.pdf.name == first_name


def test_changed_school_data_makes_the_folder_out_of_date_and_a_new_pdf_replaces_it(
    client, cast, campaign, offer, django_capture_on_commit_callbacks
):
    client.force_login(cast["school_contact"])
    make(client, campaign, django_capture_on_commit_callbacks)
    folder = the_folder(campaign, cast["school"])
    old_name = folder.pdf.name

    school = cast["school"]
    school.name = "VTI Roeselare-Izegem"
    school.save()
    page = client.get(folder_url(campaign))
    assert "Je folder is niet meer up-to-date" in page.text

    make(client, campaign, django_capture_on_commit_callbacks)
    folder.refresh_from_db()
    assert folder.pdf.name != old_name
    assert not default_storage.exists(old_name)  # the old PDF is gone
    assert "VTI Roeselare-Izegem" in pdf_text(folder.pdf.read())
    assert "niet meer up-to-date" not in client.get(folder_url(campaign)).text


def test_a_new_programme_in_the_offer_makes_the_folder_out_of_date(
    client, cast, campaign, offer, django_capture_on_commit_callbacks
):
    from tests.factories import ProgrammeFactory, ProgrammeOfferFactory

    client.force_login(cast["school_contact"])
    make(client, campaign, django_capture_on_commit_callbacks)
    folder = the_folder(campaign, cast["school"])
    assert not folders_selectors.is_out_of_date(folder)
    site = cast["school"].sites.get(postcode__locality="Roeselare")
    ProgrammeOfferFactory(programme=ProgrammeFactory(name="Logistiek duaal"), site=site)
    assert folders_selectors.is_out_of_date(folder)


def test_a_new_template_version_makes_every_folder_out_of_date(
    client, cast, campaign, offer, monkeypatch, django_capture_on_commit_callbacks
):
    client.force_login(cast["school_contact"])
    make(client, campaign, django_capture_on_commit_callbacks)
    folder = the_folder(campaign, cast["school"])
    old_name = folder.pdf.name
    monkeypatch.setattr(folders_selectors, "FOLDER_TEMPLATE_VERSION", "2")
    assert "Je folder is niet meer up-to-date" in client.get(folder_url(campaign)).text
    make(client, campaign, django_capture_on_commit_callbacks)
    folder.refresh_from_db()
    assert folder.pdf.name != old_name
    assert folder.pdf_hash == folders_selectors.folder_inputs(folder).hash


def test_progress_is_on_the_row_while_the_pdf_is_made(
    client, cast, campaign, offer, monkeypatch, django_capture_on_commit_callbacks
):
    seen = {}
    real_render = folders_build.render_parent_folder_pdf

    def spy(inputs):
        row = ParentFolder.objects.get()
        seen.update(status=row.status, progress=row.progress)
        seen["fragment"] = client.get(
            reverse("campaigns:folder_status", kwargs={"uuid": row.uuid})
        ).text
        return real_render(inputs)

    monkeypatch.setattr(folders_build, "render_parent_folder_pdf", spy)
    client.force_login(cast["school_contact"])
    make(client, campaign, django_capture_on_commit_callbacks)
    assert seen["status"] == ParentFolder.Status.GENERATING
    assert seen["progress"] == 20
    # The fragment polls while the folder is made, and stops once it is ready.
    assert 'hx-trigger="every 2s"' in seen["fragment"]
    assert 'value="20"' in seen["fragment"]
    folder = the_folder(campaign, cast["school"])
    fragment = client.get(reverse("campaigns:folder_status", kwargs={"uuid": folder.uuid}))
    assert "hx-trigger" not in fragment.text
    assert "Download je folder (PDF)" in fragment.text


def test_a_failing_pdf_is_retried_then_recorded_and_shown(
    client, cast, campaign, monkeypatch, django_capture_on_commit_callbacks
):
    from steunpunt.core.models import JobFailure

    calls = []

    def broken(inputs):
        calls.append(1)
        raise OSError("schijf vol")

    monkeypatch.setattr(folders_build, "render_parent_folder_pdf", broken)
    client.force_login(cast["school_contact"])
    make(client, campaign, django_capture_on_commit_callbacks)
    folder = the_folder(campaign, cast["school"])
    assert len(calls) == 4  # the first try and three retries
    assert folder.status == ParentFolder.Status.FAILED
    assert folder.attempts == 4
    assert "schijf vol" in folder.last_error
    assert not folder.pdf
    assert JobFailure.objects.filter(task_name__endswith="generate_parent_folder").exists()
    page = client.get(folder_url(campaign))
    assert "Het maken van je folder is mislukt" in page.text

    monkeypatch.undo()
    make(client, campaign, django_capture_on_commit_callbacks)  # the school tries again
    folder.refresh_from_db()
    assert folder.status == ParentFolder.Status.READY and folder.last_error == ""


def test_a_recent_claim_is_left_alone_and_an_orphaned_one_taken_over(cast, campaign, offer):
    import datetime

    from django.utils import timezone

    folder = ParentFolderFactory(
        participation__campaign=campaign,
        participation__school=cast["school"],
        status=ParentFolder.Status.GENERATING,
        claimed_at=timezone.now(),
    )
    assert generate_parent_folder.apply(args=[folder.pk]).get() == "skipped"
    folder.refresh_from_db()
    assert folder.status == ParentFolder.Status.GENERATING and not folder.pdf

    ParentFolder.objects.filter(pk=folder.pk).update(
        claimed_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert generate_parent_folder.apply(args=[folder.pk]).get() == "made"
    folder.refresh_from_db()
    assert folder.status == ParentFolder.Status.READY


def test_a_folder_whose_task_was_lost_is_queued_again(
    client, cast, campaign, offer, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    folder = ParentFolderFactory(
        participation__campaign=campaign,
        participation__school=cast["school"],
        status=ParentFolder.Status.QUEUED,
    )
    client.force_login(cast["school_contact"])
    assert make(client, campaign, django_capture_on_commit_callbacks) == []  # on its way
    ParentFolder.objects.filter(pk=folder.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert len(make(client, campaign, django_capture_on_commit_callbacks)) == 1
    folder.refresh_from_db()
    assert folder.status == ParentFolder.Status.READY


def test_settings_keep_what_was_typed_when_the_word_is_too_long(client, cast, campaign, contact):
    client.force_login(cast["school_contact"])
    word = "Beste ouders, " + "duaal leren is een sterke keuze. " * 30
    response = client.post(
        folder_url(campaign),
        {"action": "settings", "contact_person": contact.pk, "personal_word": word},
    )
    assert response.status_code == 400
    assert "Maak het woordje korter: hoogstens 600 tekens" in response.text
    assert word.strip() in response.text  # nothing typed is lost
    assert f'<option value="{contact.pk}" selected>' in response.text
    assert not ParentFolder.objects.exists()


def test_a_contact_of_another_school_cannot_be_chosen(client, cast, campaign):
    stranger = PersonFactory(first_name="Piet", last_name="Anders")
    MembershipFactory(person=stranger, organisation=cast["other_school"])
    client.force_login(cast["school_contact"])
    response = client.post(
        folder_url(campaign),
        {"action": "settings", "contact_person": stranger.pk, "personal_word": "Hallo"},
    )
    assert response.status_code == 400
    assert "Kies een contactpersoon van de school uit de lijst." in response.text
    assert "Hallo" in response.text


def test_saved_settings_join_the_campaign_and_show_again(client, cast, campaign, contact):
    client.force_login(cast["school_contact"])
    response = client.post(
        folder_url(campaign),
        {"action": "settings", "contact_person": contact.pk, "personal_word": "  Tot dan!  "},
    )
    assert response.status_code == 302
    participation = Participation.objects.get(campaign=campaign, school=cast["school"])
    assert participation.contact_person == contact
    assert participation.parent_folder.personal_word == "Tot dan!"
    page = client.get(folder_url(campaign))
    assert "Tot dan!" in page.text
    assert f'<option value="{contact.pk}" selected>' in page.text


def test_a_closed_campaign_makes_no_new_folder(client, cast, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    client.force_login(cast["school_contact"])
    assert "Maak mijn folder" not in client.get(folder_url(campaign)).text
    response = client.post(folder_url(campaign), {"action": "make"}, follow=True)
    assert "Deze campagne loopt niet (meer)." in response.text
    assert not ParentFolder.objects.exists()


def test_an_unknown_action_is_a_404(client, cast, campaign):
    client.force_login(cast["school_contact"])
    assert client.post(folder_url(campaign), {"action": "delete"}).status_code == 404


def test_a_coordinator_acts_for_a_named_school(
    client, cast, campaign, offer, django_capture_on_commit_callbacks
):
    PersonFactory(user=cast["coordinator"], first_name="Katrien")  # staff have a contact card
    client.force_login(cast["coordinator"])
    assert client.get(folder_url(campaign)).status_code == 404  # which school?
    page = client.get(folder_url(campaign, cast["school"]))
    assert page.status_code == 200 and "VTI Roeselare" in page.text
    make(client, campaign, django_capture_on_commit_callbacks, school=cast["school"])
    folder = the_folder(campaign, cast["school"])
    assert folder.status == ParentFolder.Status.READY
    assert folder.participation.contact_person is None  # the coordinator is not the contact


def test_a_school_never_reaches_another_schools_folder(client, cast, campaign):
    folder = ReadyFolderFactory(
        participation__campaign=campaign, participation__school=cast["school"]
    )
    client.force_login(cast["outsider"])
    for name in ("campaigns:folder_download", "campaigns:folder_status"):
        assert client.get(reverse(name, kwargs={"uuid": folder.uuid})).status_code == 404
    assert client.get(folder_url(campaign, cast["school"])).status_code == 404
    response = client.post(folder_url(campaign, cast["school"]), {"action": "make"})
    assert response.status_code == 404
    # Its own page is about its own school.
    assert "Sint-Jozefsinstituut Brugge" in client.get(folder_url(campaign)).text


def test_refusals_by_role_and_method(client, cast, campaign):
    folder = ReadyFolderFactory(
        participation__campaign=campaign, participation__school=cast["school"]
    )
    download = reverse("campaigns:folder_download", kwargs={"uuid": folder.uuid})
    status = reverse("campaigns:folder_status", kwargs={"uuid": folder.uuid})
    client.force_login(cast["company_contact"])
    assert client.get(folder_url(campaign)).status_code == 403
    assert client.get(download).status_code == 403
    client.force_login(cast["school_contact"])
    assert client.post(download).status_code == 405
    assert client.post(status).status_code == 405
    client.logout()
    assert client.get(download).status_code == 302  # to the login page


def test_no_pdf_yet_is_a_404_for_the_download(client, cast, campaign):
    folder = ParentFolderFactory(
        participation__campaign=campaign, participation__school=cast["school"]
    )
    client.force_login(cast["school_contact"])
    url = reverse("campaigns:folder_download", kwargs={"uuid": folder.uuid})
    assert client.get(url).status_code == 404


def test_the_figure_counts_schools_with_a_folder(cast, campaign):
    from steunpunt.core.figures import registry

    ReadyFolderFactory(participation__campaign=campaign, participation__school=cast["school"])
    ParentFolderFactory(
        participation__campaign=campaign, participation__school=cast["other_school"]
    )
    assert registry.value("campaigns.parent_folders") == 1
    subregion = cast["school"].sites.first().postcode.subregion
    assert registry.value("campaigns.parent_folders", subregion=subregion) == 1
    other = cast["other_school"].sites.first().postcode.subregion
    assert registry.value("campaigns.parent_folders", subregion=other) == 0
