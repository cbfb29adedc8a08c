"""/media/ serves only public files (campaign previews, quiz images), with DEBUG on or off.

A POF attachment, a meeting document, a parent folder, a kit ZIP of a draft campaign: each has
a download view that checks who asks, and /media/ never hands them out, whoever asks.
"""

import importlib.util
import sys
from unittest import mock

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.urls import get_resolver
from django.views.static import serve

import steunpunt.urls
from campaigns.models import Campaign, KitArchive, Material, MaterialFile
from infotools.models import QuizQuestion
from network.models import Meeting, MeetingDocument
from pof.models import AgendaPdf, ProgrammatieRequest, RequestAttachment
from steunpunt.core.views.media import PUBLIC_MEDIA_PREFIXES
from tests.campaigns.folders_factories import ReadyFolderFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32
SECRET = b"%PDF-1.7\nVader: 0470 12 34 56\n"

# Every file field of the portal, public (served under /media/) or private (own view).
# A new file field fails test_every_file_field_is_classified until it is added here.
PUBLIC_FIELDS = {
    ("campaigns.material", "preview_image"),
    ("infotools.quizquestion", "image"),
}
PRIVATE_FIELDS = {
    ("campaigns.materialfile", "file"),  # kit.file_download: drafts only for coordinators
    ("campaigns.kitarchive", "file"),  # kit.kit_zip
    ("campaigns.parentfolder", "pdf"),  # folders.folder_download
    ("campaigns.parentfolder", "logo"),  # read into the PDF only
    ("network.meetingdocument", "file"),  # network.document_download
    ("pof.requestattachment", "file"),  # pof.attachment_download
    ("pof.agendapdf", "file"),  # pof.agenda_pdf_download
}


def file_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field


def stored_name(field, instance, filename) -> str:
    return default_storage.save(field.generate_filename(instance, filename), ContentFile(SECRET))


def media(name: str) -> str:
    return f"/media/{name}"


@pytest.fixture
def debug_urlconf(settings):
    """The root urlconf as a DEBUG=1 process imports it (the old code added static() then)."""
    settings.DEBUG = True
    settings.MEDIA_SERVE_PUBLIC = True
    login = admin.site.login
    spec = importlib.util.spec_from_file_location("debug_root_urls", steunpunt.urls.__file__)
    module = importlib.util.module_from_spec(spec)
    sys.modules["debug_root_urls"] = module
    try:
        spec.loader.exec_module(module)
    finally:
        admin.site.login = login  # the module wraps the admin login once more on import
    settings.ROOT_URLCONF = "debug_root_urls"
    yield
    sys.modules.pop("debug_root_urls", None)


@pytest.fixture
def private_files():
    """One stored file of every private kind, at the name its upload_to gives it."""
    draft = Campaign(slug="concept-campagne")
    folder = ReadyFolderFactory()
    names = {
        "pof attachment": stored_name(
            RequestAttachment._meta.get_field("file"),
            RequestAttachment(request=ProgrammatieRequest(), extension="pdf"),
            "bijlage.pdf",
        ),
        "pof agenda": stored_name(
            AgendaPdf._meta.get_field("file"), AgendaPdf(meeting=Meeting(), version=1), "a.pdf"
        ),
        "meeting document": stored_name(
            MeetingDocument._meta.get_field("file"),
            MeetingDocument(meeting=Meeting(), extension="pdf"),
            "verslag.pdf",
        ),
        "parent folder": folder.pdf.name,
        "folder logo": stored_name(folder._meta.get_field("logo"), folder, "logo.png"),
        "kit zip": stored_name(
            KitArchive._meta.get_field("file"), KitArchive(campaign=draft), "kit.zip"
        ),
        "material file": stored_name(
            MaterialFile._meta.get_field("file"),
            MaterialFile(material=Material(campaign=draft)),
            "banner.png",
        ),
    }
    for name in names.values():
        assert default_storage.exists(name)
    return names


@pytest.fixture
def public_files():
    preview = Material._meta.get_field("preview_image").generate_filename(None, "affiche.png")
    quiz = QuizQuestion._meta.get_field("image").generate_filename(None, "vraag.png")
    return {
        "preview": default_storage.save(preview, ContentFile(PNG)),
        "quiz": default_storage.save(quiz, ContentFile(PNG)),
    }


def test_with_debug_on_no_private_file_is_served_to_anyone(
    debug_urlconf, client, coordinator, private_files
):
    for kind, name in private_files.items():
        response = client.get(media(name))
        assert response.status_code == 404, kind
    client.force_login(coordinator)  # not even to a coordinator: only through the views
    for kind, name in private_files.items():
        assert client.get(media(name)).status_code == 404, kind


def test_with_debug_on_public_files_are_served(debug_urlconf, client, public_files):
    for name in public_files.values():
        response = client.get(media(name))
        assert response.status_code == 200, name
        assert b"".join(response.streaming_content) == PNG
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]


def test_debug_on_serves_nothing_through_django_static_serve(debug_urlconf):
    def callbacks(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from callbacks(pattern.url_patterns)
            else:
                yield pattern.callback

    assert serve not in set(callbacks(get_resolver().url_patterns))


@pytest.mark.parametrize(
    "template",
    [
        "/media/quiz/../{name}",
        "/media/campaigns/previews/../../{name}",
        "/media/quiz/%2e%2e/{name}",
        "/media/quiz/..%2f{name}",
        "/media/quiz//../{name}",
        "/media/quiz/./../{name}",
        "/media/quiz\\..\\{name}",
    ],
)
def test_a_path_out_of_a_public_folder_is_refused(debug_urlconf, client, private_files, template):
    name = private_files["pof attachment"]
    assert client.get(template.format(name=name)).status_code == 404


def test_a_missing_file_or_a_folder_is_a_404(debug_urlconf, client, public_files):
    assert client.get("/media/quiz/bestaat-niet.png").status_code == 404
    assert client.get("/media/quiz/").status_code == 404
    assert client.get("/media/quiz").status_code == 404
    assert client.get("/media/quiz/vraag.png%00.txt").status_code == 404


def test_only_reading_is_allowed(debug_urlconf, client, public_files):
    assert client.post(media(public_files["quiz"])).status_code == 405
    assert client.head(media(public_files["quiz"])).status_code == 200


def test_without_media_serve_public_nothing_is_served(settings, client, public_files):
    """Production (DEBUG off): the web server in front serves the public folders, or nobody."""
    settings.MEDIA_SERVE_PUBLIC = False
    for name in public_files.values():
        assert client.get(media(name)).status_code == 404


def test_every_file_field_is_classified():
    found = {(model._meta.label_lower, field.name) for model, field in file_fields()}
    assert found == PUBLIC_FIELDS | PRIVATE_FIELDS, (
        "A new file field: decide whether it is public (PUBLIC_MEDIA_PREFIXES) or served "
        "through a view that checks access, and add it here."
    )


def test_public_fields_store_in_public_folders_and_private_ones_never_do():
    for model, field in file_fields():
        key = (model._meta.label_lower, field.name)
        upload_to = field.upload_to
        name = upload_to(mock.MagicMock(), "bestand.pdf") if callable(upload_to) else upload_to
        assert name.startswith(PUBLIC_MEDIA_PREFIXES) == (key in PUBLIC_FIELDS), key
