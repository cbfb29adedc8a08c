"""Reads of the campaign page, the school checklist and the coordinators' participation report."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse

from steunpunt.core.models import Organisation, Site, Subregion

from ..models import Campaign, ChecklistItem, ChecklistTick, Feedback, Material, Participation


def public_campaigns():
    """Active campaigns first, then closed ones, most recent first."""
    return Campaign.objects.public().order_by("status", "-starts_on", "name")


@dataclass
class CampaignPage:
    campaign: Campaign
    physical: list[Material]
    digital: list[Material]
    moments: list
    quotes: list[Feedback]
    kit_path: str
    order_path: str


def campaign_page(campaign: Campaign) -> CampaignPage:
    """Everything on the public page, in four queries (materials, files, moments, quotes)."""
    materials = list(campaign.materials.prefetch_related("files").order_by("kind", "order", "name"))
    return CampaignPage(
        campaign=campaign,
        physical=[m for m in materials if m.kind == Material.Kind.PHYSICAL],
        digital=[m for m in materials if m.kind == Material.Kind.DIGITAL],
        moments=list(campaign.moments.order_by("date", "start_time", "title")),
        quotes=list(campaign.feedback.quoted().order_by("-created_at")[:6]),
        kit_path=reverse("campaigns:kit", args=[campaign.slug]),
        order_path=reverse("campaigns:order_create", args=[campaign.slug]),
    )


@dataclass
class ChecklistLine:
    item: ChecklistItem
    done: bool


@dataclass
class SchoolChecklist:
    lines: list[ChecklistLine]
    participation: Participation | None

    @property
    def done(self) -> int:
        return sum(1 for line in self.lines if line.done)

    @property
    def total(self) -> int:
        return len(self.lines)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def checklist_for_school(campaign: Campaign, school: Organisation) -> SchoolChecklist:
    participation = Participation.objects.filter(campaign=campaign, school=school).first()
    ticked = set()
    if participation is not None:
        ticked = set(
            ChecklistTick.objects.filter(participation=participation).values_list(
                "item_id", flat=True
            )
        )
    items = campaign.checklist_items.order_by("order", "pk")
    return SchoolChecklist(
        lines=[ChecklistLine(item=item, done=item.pk in ticked) for item in items],
        participation=participation,
    )


# --- The coordinators' report -----------------------------------------------------------------


@dataclass
class SchoolProgress:
    school: Organisation
    subregion_name: str
    participating: bool
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class SubregionProgress:
    name: str
    schools: int = 0
    participating: int = 0
    started: int = 0
    done: int = 0
    total: int = 0
    rows: list = field(default_factory=list)

    @property
    def percent(self) -> int:
        """Average progress of the participating schools in this subregion."""
        possible = self.participating * self.total
        return round(100 * self.done / possible) if possible else 0


@dataclass
class ParticipationReport:
    items: int
    schools: list[SchoolProgress]
    subregions: list[SubregionProgress]

    @property
    def participating(self) -> list[SchoolProgress]:
        return [s for s in self.schools if s.participating]

    @property
    def not_started(self) -> list[SchoolProgress]:
        return [s for s in self.schools if s.done == 0]

    @property
    def percent(self) -> int:
        rows = self.participating
        possible = len(rows) * self.items
        return round(100 * sum(r.done for r in rows) / possible) if possible else 0


NO_SUBREGION = "—"


def participation_report(campaign: Campaign) -> ParticipationReport:
    """Progress per school (all active providers) and per subregion. Three queries:
    the item count, the providers with their ticks and main-site subregion, the subregions."""
    items = campaign.checklist_items.count()
    main_site_subregion = (
        Site.objects.filter(organisation=OuterRef("pk"), active=True)
        .order_by("-is_main", "pk")
        .values("postcode__subregion")[:1]
    )
    schools = (
        Organisation.objects.filter(active=True, kind__in=Organisation.PROVIDER_KINDS)
        .annotate(
            subregion_id=Subquery(main_site_subregion),
            participating=Count(
                "campaign_participations",
                filter=Q(campaign_participations__campaign=campaign),
                distinct=True,
            ),
            done=Count(
                "campaign_participations__checklist_ticks",
                filter=Q(campaign_participations__campaign=campaign),
                distinct=True,
            ),
        )
        .order_by("name", "pk")
    )
    subregions = {
        s.pk: SubregionProgress(name=s.name, total=items)
        for s in Subregion.objects.order_by("order", "name")
    }
    other = SubregionProgress(name=NO_SUBREGION, total=items)
    rows = []
    for school in schools:
        group = subregions.get(school.subregion_id, other)
        row = SchoolProgress(
            school=school,
            subregion_name=group.name,
            participating=bool(school.participating),
            done=school.done,
            total=items,
        )
        rows.append(row)
        group.schools += 1
        group.participating += row.participating
        group.started += row.done > 0
        group.done += row.done
    groups = list(subregions.values()) + ([other] if other.schools else [])
    return ParticipationReport(items=items, schools=rows, subregions=groups)
