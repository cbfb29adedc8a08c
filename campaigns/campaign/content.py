"""The real campaign "Steek een poot uit" for a fresh install (manage.py load_campaign).

Idempotent: the campaign, its materials and moments are matched on their slug and only added
when missing, so edits made in the admin stay. The web banners are generated as small PNG files
with the slogan; the other digital materials have no file yet (the page says so).
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from steunpunt.core.models import Organisation

from ..models import Campaign, CampaignMoment, Material, MaterialFile
from . import services
from .services import join_campaign

INITIAL_FILE = (
    Path(__file__).resolve().parent.parent / "initial" / "campaign" / "steek-een-poot-uit.yaml"
)
DEMO_REF_PREFIX = "demo-"
# How many checklist items the n-th demo school ticked (None: it does not take part).
DEMO_TICKS = [3, 9, 0, 5, None, 1, 7, 2, None, 4, 6, 0]


@dataclass
class LoadReport:
    campaign: Campaign
    created: bool
    materials: int = 0
    files: int = 0
    moments: int = 0
    checklist_items: int = 0
    demo_schools: list[str] = field(default_factory=list)


def school_year_of(day: datetime.date) -> tuple[int, int]:
    """2026-11-22 → (2026, 2027); 2027-03-01 → (2026, 2027). A school year starts in September."""
    first = day.year if day.month >= 9 else day.year - 1
    return first, first + 1


def _date_in(school_year: tuple[int, int], month_day: str) -> datetime.date:
    month, day = (int(part) for part in month_day.split("-"))
    return datetime.date(school_year[0] if month >= 9 else school_year[1], month, day)


def _time(value) -> datetime.time | None:
    if not value:
        return None
    hour, minute = (int(part) for part in str(value).split(":"))
    return datetime.time(hour, minute)


def banner_png(width: int, height: int, slogan: str) -> bytes:
    """A web banner: the slogan in white on the campaign's dark blue."""
    image = Image.new("RGB", (width, height), (0, 61, 122))
    draw = ImageDraw.Draw(image)
    size = max(12, min(height // 3, width // max(len(slogan) // 2, 1)))
    try:
        font = ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1 has one fixed-size default font
        font = ImageFont.load_default()
    box = draw.textbbox((0, 0), slogan, font=font)
    text_w, text_h = box[2] - box[0], box[3] - box[1]
    if text_w > width * 0.9:  # two lines
        words = slogan.split()
        half = len(words) // 2
        slogan = " ".join(words[:half]) + "\n" + " ".join(words[half:])
        box = draw.multiline_textbbox((0, 0), slogan, font=font)
        text_w, text_h = box[2] - box[0], box[3] - box[1]
    draw.multiline_text(
        ((width - text_w) / 2, (height - text_h) / 2),
        slogan,
        fill=(255, 255, 255),
        font=font,
        align="center",
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _add_banners(material: Material, banners, slogan: str, report: LoadReport) -> None:
    if material.files.exists():
        return
    short = slogan.split("!")[0] + "!"
    for order, (width, height, label) in enumerate(banners, start=1):
        content = banner_png(width, height, short)
        material_file = MaterialFile(material=material, label=label, order=order)
        material_file.file.save(
            f"{material.slug}-{width}x{height}.png", ContentFile(content), save=False
        )
        material_file.size_bytes = len(content)
        material_file.full_clean()
        material_file.save()
        report.files += 1
    if not material.preview_image:
        first = banners[0]
        material.preview_image.save(
            f"{material.slug}-voorbeeld.png",
            ContentFile(banner_png(first[0], first[1], short)),
            save=False,
        )
        material.preview_alt = f"Webbanner met de tekst: {short}"
        material.save(update_fields=["preview_image", "preview_alt"])


@transaction.atomic
def load_initial_campaign(*, today: datetime.date | None = None, path: Path = INITIAL_FILE):
    """Create "Steek een poot uit" (active, current school year) with its materials, moments
    and the nine checklist points; add only what is missing on a second run."""
    data = yaml.safe_load(path.read_text("utf-8"))
    today = today or timezone.localdate()
    year = school_year_of(today)
    campaign, created = Campaign.objects.get_or_create(
        slug=data["slug"],
        defaults={
            "name": data["name"],
            "slogan": data["slogan"],
            "school_year": f"{year[0]}-{year[1]}",
            "starts_on": _date_in(year, data["starts_on"]),
            "ends_on": _date_in(year, data["ends_on"]),
            "description": data["description"],
            "goals": data["goals"],
            "status": Campaign.Status.ACTIVE,
        },
    )
    if created:
        campaign.full_clean()
    report = LoadReport(campaign=campaign, created=created)
    for order, item in enumerate(data["materials"], start=1):
        physical = item["kind"] == Material.Kind.PHYSICAL
        material = Material.objects.filter(campaign=campaign, slug=item["slug"]).first()
        if material is None:
            material = Material(
                campaign=campaign,
                slug=item["slug"],
                kind=item["kind"],
                category=item["category"],
                name=item["name"],
                description=item["description"],
                stock=item.get("stock") if physical else None,
                max_per_school=item.get("max_per_school") if physical else None,
                order=order,
            )
            material.full_clean()
            material.save()
            report.materials += 1
        if item.get("banners"):
            _add_banners(material, item["banners"], campaign.slogan or campaign.name, report)
    for item in data["moments"]:
        if CampaignMoment.objects.filter(campaign=campaign, slug=item["slug"]).exists():
            continue
        moment = CampaignMoment(
            campaign=campaign,
            slug=item["slug"],
            title=item["title"],
            date=_date_in(year, item["date"]),
            start_time=_time(item.get("start_time")),
            end_time=_time(item.get("end_time")),
            what_to_do=item["what_to_do"],
            audience=item["audience"],
        )
        moment.full_clean()
        moment.save()
        report.moments += 1
    report.checklist_items = services.add_default_checklist(campaign=campaign)
    return report


def add_demo_participation(campaign: Campaign) -> list[str]:
    """The demo schools of seed_demo take part, each with a few ticks (some have none, some
    do not take part), so the coordinators' report has something to show."""
    if campaign.status != Campaign.Status.ACTIVE:
        return []
    items = list(campaign.checklist_items.order_by("order", "pk"))
    schools = Organisation.objects.filter(
        external_ref__startswith=DEMO_REF_PREFIX, kind__in=Organisation.PROVIDER_KINDS
    ).order_by("external_ref")
    names = []
    for index, school in enumerate(schools):
        ticks = DEMO_TICKS[index % len(DEMO_TICKS)]
        if ticks is None:
            continue
        join_campaign(campaign=campaign, school=school)
        for item in items[:ticks]:
            services.tick_item(campaign=campaign, school=school, item=item, done=True, actor=None)
        names.append(school.name)
    return names
