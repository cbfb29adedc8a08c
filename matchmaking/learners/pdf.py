"""PDFs of the learners tool: the subject-access export of a learner file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string

if TYPE_CHECKING:
    from .export import LearnerExport


def _refuse_every_url(url: str, *args, **kwargs):
    raise ValueError(f"The learner export fetches no URL: {url}")


def render_learner_export_pdf(export: LearnerExport) -> bytes:
    from weasyprint import HTML  # heavy import, only where a PDF is made

    html = render_to_string(
        "pdf/learner_export.html",
        {"export": export, "learner": export.learner, "PORTAL_NAME": settings.PORTAL_NAME},
    )
    document = HTML(string=html, base_url="https://pdf.invalid/", url_fetcher=_refuse_every_url)
    return document.write_pdf()
