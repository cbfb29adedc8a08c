"""The school's logo: type decided by content (PNG, JPEG), size limit, Dutch errors, and the PDF
renderer that reads only folder logos and static files."""

import hashlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.folders import forms as folders_forms
from campaigns.folders.pdf import fetch_folder_resource, logo_url
from campaigns.models import ParentFolder
from tests.campaigns import folders_helpers
from tests.campaigns.folders_helpers import image_bytes

pytestmark = pytest.mark.django_db

campaign, contact = folders_helpers.campaign, folders_helpers.contact

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def folder_url(campaign):
    return reverse("campaigns:folder", kwargs={"slug": campaign.slug})


def upload(client, campaign, name, content, **extra):
    return client.post(
        folder_url(campaign),
        {"action": "logo", "logo": SimpleUploadedFile(name, content), **extra},
    )


@pytest.mark.parametrize(
    ("image_format", "extension"), [("PNG", "png"), ("JPEG", "jpg")], ids=["png", "jpeg"]
)
def test_png_and_jpeg_are_stored_under_the_type_of_their_content(
    client, cast, campaign, image_format, extension
):
    client.force_login(cast["school_contact"])
    content = image_bytes(image_format)
    response = upload(client, campaign, "logo-van-de-school.gif", content)  # misleading name
    assert response.status_code == 302
    folder = ParentFolder.objects.get()
    assert folder.logo.name == f"campaigns/folder-logos/{folder.uuid}.{extension}"
    assert folder.logo_sha256 == hashlib.sha256(content).hexdigest()
    assert default_storage.open(folder.logo.name).read() == content
    assert "Je folder heeft een logo." in client.get(folder_url(campaign)).text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.svg", SVG, "Dit bestand is geen PNG- of JPEG-afbeelding"),
        ("logo.png", b"Dit is tekst, geen afbeelding.", "Dit bestand is geen PNG- of JPEG"),
        ("logo.gif", image_bytes("GIF"), "Kies een logo als PNG of JPEG."),
        ("logo.png", image_bytes("PNG")[:60], "Dit bestand is geen PNG- of JPEG"),
    ],
    ids=["svg", "text-named-png", "gif", "truncated-png"],
)
def test_other_files_are_refused_with_a_dutch_message(
    client, cast, campaign, name, content, message
):
    client.force_login(cast["school_contact"])
    response = upload(client, campaign, name, content)
    assert response.status_code == 400
    assert message in response.text
    assert 'href="#id_logo"' in response.text  # the summary links to the field
    assert not ParentFolder.objects.filter(logo__gt="").exists()


def test_a_logo_above_the_size_limit_is_refused(client, cast, campaign, monkeypatch):
    monkeypatch.setattr(folders_forms, "LOGO_MAX_BYTES", 1000)
    client.force_login(cast["school_contact"])
    response = upload(
        client, campaign, "logo.png", image_bytes("PNG", size=(400, 400)) + b"0" * 2000
    )
    assert response.status_code == 400
    assert "Het mag hoogstens 1000\xa0bytes zijn." in response.text


def test_a_logo_with_too_many_pixels_is_refused(client, cast, campaign, monkeypatch):
    monkeypatch.setattr(folders_forms, "LOGO_MAX_PIXELS", 100 * 100)
    client.force_login(cast["school_contact"])
    response = upload(client, campaign, "logo.png", image_bytes("PNG", size=(200, 200)))
    assert response.status_code == 400
    assert "Het logo is te groot (200 × 200 pixels)." in response.text


def test_a_refused_logo_loses_nothing_the_school_typed(client, cast, campaign, contact):
    client.force_login(cast["school_contact"])
    client.post(
        folder_url(campaign),
        {
            "action": "settings",
            "contact_person": contact.pk,
            "personal_word": "Tot op de infoavond",
        },
    )
    response = upload(client, campaign, "logo.svg", SVG)
    assert response.status_code == 400
    assert "Tot op de infoavond" in response.text
    assert f'<option value="{contact.pk}" selected>' in response.text


def test_no_file_asks_for_one(client, cast, campaign):
    client.force_login(cast["school_contact"])
    response = client.post(folder_url(campaign), {"action": "logo"})
    assert response.status_code == 400
    assert "Kies een bestand met het logo van de school." in response.text


def test_a_logo_can_be_replaced_and_removed(
    client, cast, campaign, django_capture_on_commit_callbacks
):
    client.force_login(cast["school_contact"])
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, campaign, "logo.png", image_bytes("PNG"))
    first = ParentFolder.objects.get().logo.name
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, campaign, "logo.jpg", image_bytes("JPEG"))
    folder = ParentFolder.objects.get()
    assert folder.logo.name.endswith(".jpg")
    assert not default_storage.exists(first)  # the old logo is removed
    second = folder.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(folder_url(campaign), {"action": "logo", "remove_logo": "on"})
    assert response.status_code == 302
    folder.refresh_from_db()
    assert not folder.logo and folder.logo_sha256 == ""
    assert not default_storage.exists(second)


def test_the_renderer_reads_folder_logos_and_nothing_else(cast, campaign):
    default_storage.save("campaigns/folder-logos/abc.png", SimpleUploadedFile("x", b"logo"))
    default_storage.save("campaigns/materials/geheim.pdf", SimpleUploadedFile("x", b"geheim"))
    content, mime_type = fetch_folder_resource(logo_url("campaigns/folder-logos/abc.png"))
    assert (content, mime_type) == (b"logo", "image/png")
    for url in (
        logo_url("campaigns/materials/geheim.pdf"),
        logo_url("campaigns/folder-logos/../materials/geheim.pdf"),
        "https://example.org/logo.png",
        "file:///etc/passwd",
    ):
        with pytest.raises(ValueError):
            fetch_folder_resource(url)
