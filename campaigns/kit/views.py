"""The digital kit: the public kit page, single downloads, the ZIP of the whole kit.

Downloads set no cookie and store nothing personal: a count per material and day (and per
school when a school contact is logged in). Files are served as streams (FileResponse).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from steunpunt.accounts.permissions import role_required

from ..campaign.access import get_acting_school, get_campaign_for_user
from ..campaign.permissions import SCHOOL_ROLES
from ..campaign.services import join_campaign
from .access import get_material_file_for_user
from .selectors import kit_page_context
from .services import count_download, current_archive, school_of_downloader

PAGE_TEMPLATE = "campaigns/kit/kit_detail.html"
ZIP_FRAGMENT = "campaigns/kit/fragment_kit_zip.html"
# Read and sent in blocks of this size when the server has no sendfile (wsgi.file_wrapper):
# the memory a download takes, whatever the size of the file.
STREAM_BLOCK = 256 * 1024


def _stream(file, filename: str) -> FileResponse:
    response = FileResponse(file, as_attachment=True, filename=filename)
    response.block_size = STREAM_BLOCK  # read lazily by FileResponse for every block
    return response


@require_GET
def kit_page(request, slug):
    campaign = get_campaign_for_user(request.user, slug)
    return render(request, PAGE_TEMPLATE, kit_page_context(campaign, request.user))


@require_GET
def kit_zip_status(request, slug):
    """The ZIP box alone, polled by htmx while the ZIP is being made."""
    campaign = get_campaign_for_user(request.user, slug)
    context = kit_page_context(campaign, request.user, materials=False)
    return render(request, ZIP_FRAGMENT, context)


@require_GET
def file_download(request, uuid):
    material_file = get_material_file_for_user(request.user, uuid)
    material = material_file.material
    count_download(
        campaign=material.campaign, material=material, school=school_of_downloader(request.user)
    )
    return _stream(material_file.file.open("rb"), material_file.filename)


@require_GET
def kit_zip(request, slug):
    campaign = get_campaign_for_user(request.user, slug)
    archive = current_archive(campaign)
    if archive is None or not archive.is_ready:
        # Not made yet: the kit page says so (and starts it); no message, so no cookie.
        return redirect(reverse("campaigns:kit", kwargs={"slug": slug}) + "#kit-zip")
    count_download(campaign=campaign, school=school_of_downloader(request.user))
    return _stream(archive.file.open("rb"), f"{campaign.slug}-digitale-kit.zip")


@require_POST
@role_required(*SCHOOL_ROLES)
def kit_join(request, slug):
    """A school takes part in the campaign, so it gets its own QR codes for the info point."""
    campaign = get_campaign_for_user(request.user, slug)
    school = get_acting_school(request.user, request.POST.get("school") or None)
    try:
        participation = join_campaign(campaign=campaign, school=school, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("campaigns:kit", slug=slug)
    return redirect("campaigns:info_point", uuid=participation.uuid)
