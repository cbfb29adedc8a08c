"""PDFs of every app, rendered with WeasyPrint from templates under templates/pdf/.

The url_fetcher reads static files from disk and refuses everything else: rendering never
makes an HTTP request, also not to our own site.
"""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

PDF_BASE_URL = "https://pdf.invalid/"


def _static_path(path: str) -> Path | None:
    path = posixpath.normpath(unquote(path)).lstrip("/")
    if path.startswith("..") or "/../" in f"/{path}/":
        return None
    found = finders.find(path)
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / path).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    return None


def static_url_fetcher(url: str, timeout=10, ssl_context=None):
    """Serve `/static/...` (resolved against PDF_BASE_URL) from disk; refuse any other URL."""
    static_prefix = PDF_BASE_URL.rstrip("/") + "/" + settings.STATIC_URL.strip("/") + "/"
    if url.startswith(static_prefix):
        relative = url.removeprefix(static_prefix).split("?", 1)[0].split("#", 1)[0]
        path = _static_path(relative)
        if path is not None:
            mime_type, _encoding = mimetypes.guess_type(path.name)
            return {
                "string": path.read_bytes(),
                "mime_type": mime_type or "application/octet-stream",
                "filename": path.name,
            }
    raise ValueError(f"PDF rendering fetches no URL outside the static files: {url}")


def static_fetcher():
    """A WeasyPrint (≥ 70) URLFetcher around static_url_fetcher: a refused or missing file
    stops the render (fail_on_errors) instead of leaving a hole in the PDF."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            resource = static_url_fetcher(url)
            return URLFetcherResponse(
                url, body=resource["string"], headers={"Content-Type": resource["mime_type"]}
            )

    return StaticURLFetcher(fail_on_errors=True, allowed_protocols=("https",))


def render_pdf(template_name: str, context: dict) -> bytes:
    from weasyprint import HTML  # heavy import, only where a PDF is made

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=static_fetcher()).write_pdf()
