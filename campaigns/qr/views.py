"""The info point's QR codes: the scan (/q/<code>), a school's panels with its own codes
(page, SVG/PNG images, PDF) and the coordinators' scan report."""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from steunpunt.accounts.permissions import role_required

from ..campaign.access import get_campaign_for_user, get_participation_for_user
from ..campaign.permissions import SCHOOL_ROLES, STAFF_ROLES
from ..models import QrCode
from .pdf import render_info_panels_pdf
from .selectors import scan_report
from .services import ensure_school_codes, qr_png, qr_svg, record_scan, short_url_display


@never_cache
@require_GET
def scan(request, code):
    """Count the scan and send the visitor on. No cookie, nothing personal is stored."""
    qr_code = record_scan(code=code)
    if qr_code is None:
        return render(request, "campaigns/qr/scan_not_found.html", {"code": code}, status=404)
    return HttpResponseRedirect(qr_code.panel.target)


@require_GET
@role_required(*SCHOOL_ROLES)
def info_point(request, uuid):
    participation = get_participation_for_user(request.user, uuid)
    codes = ensure_school_codes(participation=participation, actor=request.user)
    panels = [{"code": code, "short_url": short_url_display(code)} for code in codes]
    return render(
        request,
        "campaigns/qr/info_point.html",
        {"participation": participation, "campaign": participation.campaign, "panels": panels},
    )


@require_GET
@role_required(*SCHOOL_ROLES)
def info_point_pdf(request, uuid):
    participation = get_participation_for_user(request.user, uuid)
    codes = ensure_school_codes(participation=participation, actor=request.user)
    if not codes:
        raise Http404("This campaign has no info point panels.")
    pdf = render_info_panels_pdf(participation, codes)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"infopunt-{slugify(participation.school.name)}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _image_response(request, qr_code: QrCode, fmt: str) -> HttpResponse:
    """The image inline (for <img>), or as a download with ?download=1."""
    if fmt == "svg":
        response = HttpResponse(qr_svg(qr_code), content_type="image/svg+xml")
    else:
        response = HttpResponse(qr_png(qr_code), content_type="image/png")
    name = f"qr-{slugify(qr_code.panel.title)}-{qr_code.code}.{fmt}"
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
@role_required(*SCHOOL_ROLES)
def school_qr_image(request, uuid, code, fmt):
    """One of the school kit's codes; another school's code is a 404."""
    participation = get_participation_for_user(request.user, uuid)
    qr_code = get_object_or_404(
        QrCode.objects.select_related("panel"), participation=participation, code=code
    )
    return _image_response(request, qr_code, fmt)


@require_GET
@role_required(*STAFF_ROLES)
def general_qr_image(request, slug, code, fmt):
    """A panel's general code (the standard panels, the campaign website)."""
    campaign = get_campaign_for_user(request.user, slug)
    qr_code = get_object_or_404(
        QrCode.objects.select_related("panel"),
        panel__campaign=campaign,
        participation__isnull=True,
        code=code,
    )
    return _image_response(request, qr_code, fmt)


@require_GET
@role_required(*STAFF_ROLES)
def qr_report(request, slug):
    campaign = get_campaign_for_user(request.user, slug)
    return render(
        request,
        "campaigns/qr/qr_report.html",
        {"campaign": campaign, "report": scan_report(campaign)},
    )
