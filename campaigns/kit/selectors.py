"""Reads of the kit page: the digital materials with their files, the ZIP, the school."""

from __future__ import annotations

from django.db.models import Prefetch

from steunpunt.accounts.roles import is_coordinator

from ..models import Campaign, Material, MaterialFile, Participation
from .services import current_archive, request_kit_archive, school_of_downloader


def kit_materials(campaign: Campaign) -> list[Material]:
    files = MaterialFile.objects.order_by("order", "label", "pk")
    return list(
        campaign.materials.digital()
        .order_by("order", "name")
        .prefetch_related(Prefetch("files", queryset=files))
    )


def kit_page_context(campaign: Campaign, user, *, materials: bool = True) -> dict:
    """What the kit page shows. For a running campaign with files, the ZIP of the current kit
    version is asked for here (idempotent): the first visitor after a change starts it."""
    has_files = MaterialFile.objects.filter(
        material__campaign=campaign, material__kind=Material.Kind.DIGITAL
    ).exists()
    if has_files and campaign.status != Campaign.Status.DRAFT:
        archive = request_kit_archive(campaign=campaign, actor=user)
    else:
        archive = current_archive(campaign) if has_files else None
    context = {"campaign": campaign, "archive": archive, "has_files": has_files}
    if materials:
        school = school_of_downloader(user)
        context["materials"] = kit_materials(campaign)
        context["school"] = school
        context["is_coordinator"] = is_coordinator(user)
        context["participation"] = (
            Participation.objects.filter(campaign=campaign, school=school).first()
            if school
            else None
        )
    return context
