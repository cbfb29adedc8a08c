"""Writes of the info point's QR codes: panels, their codes, and counting a scan.

A scan stores one thing: +1 on the row of (code, day). No person, no IP address, no cookie.
"""

from __future__ import annotations

import datetime
import io

import segno
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import InfoPanel, Participation, QrCode, QrScanCount, new_qr_code

CODE_ATTEMPTS = 10


# ---------------------------------------------------------------------------------------------
# Panels and codes
# ---------------------------------------------------------------------------------------------


def _create_code(*, panel: InfoPanel, participation: Participation | None) -> QrCode:
    """A new code for the panel (and school kit); a fresh random code on the rare collision."""
    for _attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                return QrCode.objects.create(
                    code=new_qr_code(), panel=panel, participation=participation
                )
        except IntegrityError:
            existing = QrCode.objects.filter(panel=panel, participation=participation).first()
            if existing is not None:  # made at the same moment by another request
                return existing
    raise RuntimeError("No free QR code found after several attempts.")


def save_info_panel(*, panel: InfoPanel, actor=None) -> InfoPanel:
    """Create or change a panel; a new panel gets its general code at once."""
    with transaction.atomic():
        panel.full_clean()
        panel.save()
        if not QrCode.objects.filter(panel=panel, participation__isnull=True).exists():
            _create_code(panel=panel, participation=None)
    return panel


def ensure_school_codes(*, participation: Participation, actor=None) -> list[QrCode]:
    """The school kit's codes, one per panel of its campaign, made when missing (idempotent).

    Returned in panel order, each with its panel loaded."""
    panels = list(InfoPanel.objects.filter(campaign_id=participation.campaign_id))
    codes = {
        code.panel_id: code
        for code in QrCode.objects.filter(participation=participation, panel__in=panels)
    }
    for panel in panels:
        if panel.pk not in codes:
            codes[panel.pk] = _create_code(panel=panel, participation=participation)
    result = []
    for panel in panels:
        code = codes[panel.pk]
        code.panel = panel
        result.append(code)
    return result


# ---------------------------------------------------------------------------------------------
# Scans
# ---------------------------------------------------------------------------------------------


def normalise_code(code: str) -> str:
    return (code or "").strip().upper()


def record_scan(*, code: str, day: datetime.date | None = None) -> QrCode | None:
    """Count a scan of the code today and return the code (with its panel); None if unknown."""
    qr_code = QrCode.objects.select_related("panel").filter(code=normalise_code(code)).first()
    if qr_code is None:
        return None
    day = day or timezone.localdate()
    rows = QrScanCount.objects.filter(qr_code=qr_code, day=day)
    if not rows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                QrScanCount.objects.create(qr_code=qr_code, day=day, count=1)
        except IntegrityError:  # the first scan of the day, twice at the same moment
            rows.update(count=F("count") + 1)
    return qr_code


# ---------------------------------------------------------------------------------------------
# Images (segno)
# ---------------------------------------------------------------------------------------------


def short_url(code: QrCode | str) -> str:
    """The absolute short link printed under the QR code."""
    value = code.code if isinstance(code, QrCode) else code
    return settings.SITE_URL + reverse("qr:scan", kwargs={"code": value})


def short_url_display(code: QrCode | str) -> str:
    """The short link without "https://": what people type over from a panel."""
    return short_url(code).split("://", 1)[-1]


def qr_svg(code: QrCode, *, scale: int = 10) -> str:
    """The QR code as an SVG document (no XML declaration, so it can be inlined in HTML)."""
    buffer = io.BytesIO()
    segno.make(short_url(code), error="m").save(
        buffer,
        kind="svg",
        scale=scale,
        border=2,
        xmldecl=False,
        svgns=True,
        title=short_url(code),
        desc=_("QR-code naar %(title)s") % {"title": code.panel.title},
    )
    return buffer.getvalue().decode()


def qr_png(code: QrCode, *, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    segno.make(short_url(code), error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
