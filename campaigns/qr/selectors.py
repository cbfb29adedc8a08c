"""The coordinators' scan report: scans per school kit and per subregion, in a fixed number of
queries whatever the number of schools (panels, participations, the schools' sites, the sums)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils.translation import gettext as _

from steunpunt.core.models import Site

from ..models import Campaign, InfoPanel, Participation, QrCode, QrScanCount


@dataclass
class SchoolScans:
    participation: Participation
    subregion: str
    per_panel: list[int]

    @property
    def total(self) -> int:
        return sum(self.per_panel)


@dataclass
class SubregionScans:
    name: str
    schools: int = 0
    schools_scanned: int = 0
    scans: int = 0


@dataclass
class ScanReport:
    panels: list[InfoPanel]
    general_codes: dict[int, QrCode]
    general: list[int]
    schools: list[SchoolScans]
    subregions: list[SubregionScans] = field(default_factory=list)

    @property
    def general_rows(self) -> list[tuple[InfoPanel, QrCode | None, int]]:
        """Per panel: its general code (None until it is made) and that code's scans."""
        return [
            (panel, self.general_codes.get(panel.pk), scans)
            for panel, scans in zip(self.panels, self.general, strict=True)
        ]

    @property
    def general_total(self) -> int:
        return sum(self.general)

    @property
    def schools_total(self) -> int:
        return sum(row.total for row in self.schools)

    @property
    def total(self) -> int:
        return self.general_total + self.schools_total

    @property
    def schools_without_scans(self) -> list[SchoolScans]:
        return [row for row in self.schools if row.total == 0]


def _subregion_by_school(school_ids) -> dict[int, str]:
    """The subregion of each school's main site (else its first site)."""
    sites = (
        Site.objects.filter(organisation_id__in=school_ids)
        .select_related("postcode__subregion")
        .order_by("organisation_id", "-is_main", "pk")
    )
    result: dict[int, str] = {}
    for site in sites:
        if site.organisation_id not in result:
            subregion = site.postcode.subregion
            result[site.organisation_id] = subregion.name if subregion else ""
    return result


def scan_report(campaign: Campaign) -> ScanReport:
    panels = list(InfoPanel.objects.filter(campaign=campaign))
    column = {panel.pk: index for index, panel in enumerate(panels)}
    participations = list(Participation.objects.filter(campaign=campaign).select_related("school"))
    general_codes = {
        code.panel_id: code
        for code in QrCode.objects.filter(panel__campaign=campaign, participation__isnull=True)
    }
    sums = (
        QrScanCount.objects.filter(qr_code__panel__campaign=campaign)
        .values_list("qr_code__participation_id", "qr_code__panel_id")
        .annotate(scans=Sum("count"))
        .order_by()
    )
    per_participation: dict[int | None, list[int]] = {}
    for participation_id, panel_id, scans in sums:
        row = per_participation.setdefault(participation_id, [0] * len(panels))
        row[column[panel_id]] += scans
    subregions = _subregion_by_school([p.school_id for p in participations])
    unknown = _("Onbekende subregio")
    schools = [
        SchoolScans(
            participation=p,
            subregion=subregions.get(p.school_id) or unknown,
            per_panel=per_participation.get(p.pk, [0] * len(panels)),
        )
        for p in participations
    ]
    schools.sort(key=lambda row: (-row.total, row.participation.school.name))
    by_subregion: dict[str, SubregionScans] = {}
    for row in schools:
        entry = by_subregion.setdefault(row.subregion, SubregionScans(name=row.subregion))
        entry.schools += 1
        entry.schools_scanned += 1 if row.total else 0
        entry.scans += row.total
    return ScanReport(
        panels=panels,
        general_codes=general_codes,
        general=per_participation.get(None, [0] * len(panels)),
        schools=schools,
        subregions=sorted(by_subregion.values(), key=lambda entry: entry.name),
    )
