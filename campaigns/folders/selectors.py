"""Reads for the parent folder: what goes into a school's folder, and whether it is out of date.

`FolderInputs` holds everything the PDF shows. Its hash, with the template version, decides
whether a stored PDF still fits: unchanged inputs never make a new PDF.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from functools import cache

from django.db.models import Count, Q, QuerySet
from django.template.loader import get_template

from steunpunt.core.models import ProgrammeOffer

from ..models import FolderBatch, FolderBatchItem, ParentFolder, Participation

FOLDER_TEMPLATE = "pdf/folders/parent_folder.html"
# Raise when the folder's text or layout changes in a way the template source does not show
# (a new static image, a changed stylesheet). Edits of the template itself count on their own.
FOLDER_TEMPLATE_VERSION = "1"


@cache
def _template_source_hash() -> str:
    source = get_template(FOLDER_TEMPLATE).template.source
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def template_version() -> str:
    return f"{FOLDER_TEMPLATE_VERSION}:{_template_source_hash()}"


@dataclass(frozen=True)
class FolderProgramme:
    name: str
    grade: str
    education_form: str
    localities: tuple[str, ...]


@dataclass(frozen=True)
class FolderInputs:
    campaign_name: str
    campaign_slogan: str
    school_year: str
    school_name: str
    school_email: str
    school_phone: str
    school_website: str
    contact_name: str
    contact_email: str
    contact_phone: str
    personal_word: str
    logo_name: str
    logo_sha256: str
    programmes: tuple[FolderProgramme, ...]
    template_version: str

    @property
    def hash(self) -> str:
        payload = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()


def _offers(school_ids, school_year: str) -> QuerySet[ProgrammeOffer]:
    """The current offer of the schools' active sites: this school year's and standing offers."""
    return (
        ProgrammeOffer.objects.current()
        .filter(
            Q(school_year=school_year) | Q(school_year=""),
            site__organisation_id__in=school_ids,
            site__active=True,
            programme__active=True,
        )
        .select_related("programme", "site__postcode")
        .order_by("programme__name", "programme_id", "site__postcode__locality")
    )


def programmes_by_school(school_ids, school_year: str) -> dict[int, tuple[FolderProgramme, ...]]:
    """One query for any number of schools: their dual programmes with the towns they run in."""
    grouped: dict[int, dict[int, tuple]] = defaultdict(dict)
    localities: dict[tuple[int, int], list[str]] = defaultdict(list)
    for offer in _offers(school_ids, school_year):
        school_id, programme = offer.site.organisation_id, offer.programme
        grouped[school_id].setdefault(programme.pk, programme)
        towns = localities[school_id, programme.pk]
        if offer.site.postcode.locality not in towns:
            towns.append(offer.site.postcode.locality)
    return {
        school_id: tuple(
            FolderProgramme(
                name=programme.name,
                grade=str(programme.get_grade_display()) if programme.grade else "",
                education_form=str(programme.get_education_form_display()),
                localities=tuple(localities[school_id, pk]),
            )
            for pk, programme in programmes.items()
        )
        for school_id, programmes in grouped.items()
    }


def _inputs(folder: ParentFolder, programmes) -> FolderInputs:
    participation = folder.participation
    campaign, school = participation.campaign, participation.school
    contact = participation.contact_person
    return FolderInputs(
        campaign_name=campaign.name,
        campaign_slogan=campaign.slogan,
        school_year=campaign.school_year,
        school_name=school.name,
        school_email=school.email,
        school_phone=school.phone,
        school_website=school.website,
        contact_name=contact.full_name if contact else "",
        contact_email=contact.email if contact else "",
        contact_phone=contact.phone if contact else "",
        personal_word=folder.personal_word.strip(),
        logo_name=folder.logo.name if folder.logo else "",
        logo_sha256=folder.logo_sha256 if folder.logo else "",
        programmes=programmes,
        template_version=template_version(),
    )


def folder_inputs(folder: ParentFolder) -> FolderInputs:
    participation = folder.participation
    programmes = programmes_by_school(
        [participation.school_id], participation.campaign.school_year
    ).get(participation.school_id, ())
    return _inputs(folder, programmes)


def folder_inputs_many(folders: list[ParentFolder]) -> dict[int, FolderInputs]:
    """The inputs of many folders of one campaign (a batch): one query for all programmes."""
    if not folders:
        return {}
    school_year = folders[0].participation.campaign.school_year
    programmes = programmes_by_school([f.participation.school_id for f in folders], school_year)
    return {
        folder.pk: _inputs(folder, programmes.get(folder.participation.school_id, ()))
        for folder in folders
    }


def is_out_of_date(folder: ParentFolder, inputs: FolderInputs | None = None) -> bool:
    """A stored PDF made from other inputs than today's (school data, settings, template)."""
    if not folder.pdf:
        return False
    inputs = inputs or folder_inputs(folder)
    return folder.pdf_hash != inputs.hash


def folders_with_school() -> QuerySet[ParentFolder]:
    return ParentFolder.objects.select_related(
        "participation__campaign", "participation__school", "participation__contact_person"
    )


def find_folder(campaign, school) -> ParentFolder | None:
    return (
        folders_with_school()
        .filter(participation__campaign=campaign, participation__school=school)
        .first()
    )


def find_participation(campaign, school) -> Participation | None:
    return (
        Participation.objects.select_related("contact_person")
        .filter(campaign=campaign, school=school)
        .first()
    )


@dataclass(frozen=True)
class BatchProgress:
    total: int
    pending: int
    done: int
    unchanged: int
    failed: int

    @property
    def finished(self) -> int:
        return self.total - self.pending

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.finished / self.total)

    @property
    def is_running(self) -> bool:
        return self.pending > 0


def batch_progress(batch: FolderBatch) -> BatchProgress:
    counts = dict(
        batch.items.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    S = FolderBatchItem.Status
    return BatchProgress(
        total=sum(counts.values()),
        pending=counts.get(S.PENDING, 0),
        done=counts.get(S.DONE, 0),
        unchanged=counts.get(S.UNCHANGED, 0),
        failed=counts.get(S.FAILED, 0),
    )


def batch_items(batch: FolderBatch) -> QuerySet[FolderBatchItem]:
    return batch.items.select_related(
        "folder__participation__school", "folder__participation__campaign"
    ).order_by("folder__participation__school__name", "pk")


def batches_of(campaign) -> QuerySet[FolderBatch]:
    return (
        campaign.folder_batches.select_related("started_by")
        .annotate(
            n_items=Count("items"),
            n_failed=Count("items", filter=Q(items__status=FolderBatchItem.Status.FAILED)),
            n_pending=Count("items", filter=Q(items__status=FolderBatchItem.Status.PENDING)),
        )
        .order_by("-started_at", "-pk")
    )
