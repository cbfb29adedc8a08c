"""The school's info point panels as PDF: one A4 page per panel with its own QR code.

The QR code is inlined as SVG (vector, sharp when printed large); rendered by WeasyPrint with
the url_fetcher of campaigns.campaign.pdf (no HTTP request, ever).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from ..campaign.pdf import render_pdf
from ..models import Participation, QrCode
from .services import qr_svg, short_url_display


@dataclass
class PrintedPanel:
    code: QrCode
    svg: SafeString
    short_url: str

    @property
    def panel(self):
        return self.code.panel


def render_info_panels_pdf(participation: Participation, codes: list[QrCode]) -> bytes:
    panels = [
        # segno escapes the title and description it writes into the SVG.
        PrintedPanel(code=code, svg=mark_safe(qr_svg(code)), short_url=short_url_display(code))  # noqa: S308
        for code in codes
    ]
    return render_pdf(
        "pdf/qr/info_panels.html",
        {
            "participation": participation,
            "campaign": participation.campaign,
            "school": participation.school,
            "panels": panels,
            "PORTAL_NAME": settings.PORTAL_NAME,
        },
    )
