"""The parent folder PDF (WeasyPrint), from templates/pdf/folders/parent_folder.html.

The url_fetcher reads the school's logo from the media storage and static files from disk
(campaigns.campaign.pdf): rendering never makes an HTTP request. Only logos of parent folders can be
read from the media storage, nothing else a user uploaded.
"""

from __future__ import annotations

import mimetypes
import posixpath
from urllib.parse import unquote

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string

from ..campaign.pdf import PDF_BASE_URL, static_url_fetcher
from .selectors import FOLDER_TEMPLATE, FolderInputs

LOGO_DIRECTORY = "campaigns/folder-logos/"


def _media_prefix() -> str:
    return PDF_BASE_URL.rstrip("/") + "/" + settings.MEDIA_URL.strip("/") + "/"


def logo_url(name: str) -> str:
    return _media_prefix() + name


def fetch_folder_resource(url: str) -> tuple[bytes, str]:
    """(content, mime type) of a folder logo from the media storage or a static file from disk.

    Anything else is refused: rendering makes no HTTP request, and reads no other upload.
    """
    prefix = _media_prefix()
    if url.startswith(prefix):
        name = posixpath.normpath(unquote(url.removeprefix(prefix).split("?", 1)[0]))
        if name.startswith(LOGO_DIRECTORY) and ".." not in name.split("/"):
            with default_storage.open(name, "rb") as handle:
                content = handle.read()
            mime_type, _encoding = mimetypes.guess_type(name)
            return content, mime_type or "application/octet-stream"
        raise ValueError(f"PDF rendering reads no media file outside the folder logos: {url}")
    resource = static_url_fetcher(url)
    return resource["string"], resource["mime_type"]


def _url_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class FolderURLFetcher(URLFetcher):
        """Serves only what fetch_folder_resource allows; a missing logo stops the render
        (fail_on_errors), so no folder is ever stored without the school's logo."""

        def fetch(self, url, headers=None):
            content, mime_type = fetch_folder_resource(url)
            return URLFetcherResponse(url, body=content, headers={"Content-Type": mime_type})

    return FolderURLFetcher(fail_on_errors=True, allowed_protocols=("https",))


def render_parent_folder_pdf(inputs: FolderInputs) -> bytes:
    from weasyprint import HTML  # heavy import, only where a PDF is made

    html = render_to_string(
        FOLDER_TEMPLATE,
        {
            "folder": inputs,
            "logo_url": logo_url(inputs.logo_name) if inputs.logo_name else "",
            "PORTAL_NAME": settings.PORTAL_NAME,
            "PORTAL_CONTACT_EMAIL": settings.PORTAL_CONTACT_EMAIL,
            "SITE_URL": settings.SITE_URL,
        },
    )
    return HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=_url_fetcher()).write_pdf()
