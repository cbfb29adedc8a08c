"""Campaign reach by subregion (of the school's main site; of the delivery site for kits) and by
provider type, each cell against rows counted here (De Duale Quiz's figures:
tests/infotools/test_quiz_figures.py)."""

import datetime
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from campaigns.models import (
    Campaign,
    KitDownloadCount,
    Order,
    Participation,
    QrCode,
    QrScanCount,
)
from steunpunt.core.figures import registry
from steunpunt.core.models import Organisation
from tests.campaigns.factories import CampaignFactory, OrderFactory, ParticipationFactory
from tests.campaigns.qr_factories import InfoPanelFactory
from tests.factories import OrganisationFactory, PostcodeFactory, SiteFactory, SubregionFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 10, 15)  # the campaign runs from 1/9/2026 to 30/6/2027


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def cells(name, day=DAY):
    return {cell[:4]: cell.value for cell in registry.cells(name, moment=day) if cell.value}


@pytest.fixture
def reach():
    """S1 (full-time secondary) with its main site in Noord and a second site in Zuid, S2 (BuSO)
    in Zuid, S3 (CLW) without a site; a draft campaign that does not count."""
    noord = SubregionFactory(slug="noord", name="Noord")
    zuid = SubregionFactory(slug="zuid", name="Zuid")
    in_noord = PostcodeFactory(code="8800", locality="Roeselare", subregion=noord)
    in_zuid = PostcodeFactory(code="8500", locality="Kortrijk", subregion=zuid)
    s1 = OrganisationFactory(kind=Organisation.Kind.SCHOOL)
    s2 = OrganisationFactory(kind=Organisation.Kind.BUSO_SCHOOL)
    s3 = OrganisationFactory(kind=Organisation.Kind.CLW)
    s1_second = SiteFactory(organisation=s1, postcode=in_zuid, is_main=False)
    s1_main = SiteFactory(organisation=s1, postcode=in_noord, is_main=True)
    s2_site = SiteFactory(organisation=s2, postcode=in_zuid)
    campaign = CampaignFactory()
    draft = CampaignFactory(status=Campaign.Status.DRAFT)

    parts = {}
    for school in (s1, s2, s3):
        parts[school] = ParticipationFactory(campaign=campaign, school=school)
    ParticipationFactory(campaign=draft, school=OrganisationFactory())
    Participation.objects.update(joined_at=at(DAY - timedelta(days=20)))
    late = ParticipationFactory(campaign=campaign, school=OrganisationFactory())
    Participation.objects.filter(pk=late.pk).update(joined_at=at(DAY + timedelta(days=1)))

    def order(school, site, day, **fields):
        made = OrderFactory(campaign=campaign, school=school, site=site, **fields)
        Order.objects.filter(pk=made.pk).update(created_at=at(day))

    order(s1, s1_main, DAY - timedelta(days=5))
    order(s1, s1_second, DAY - timedelta(days=3))  # delivered in Zuid: counts there
    order(s2, s2_site, DAY - timedelta(days=2), status="refused", refusal_reason="Uitverkocht")
    order(s2, s2_site, DAY + timedelta(days=1))

    def downloads(school, day, count):
        KitDownloadCount.objects.create(campaign=campaign, school=school, day=day, count=count)

    downloads(s1, DAY - timedelta(days=2), 5)
    downloads(s2, DAY - timedelta(days=1), 3)
    downloads(None, DAY - timedelta(days=1), 7)  # anonymous: the province only
    downloads(s1, DAY + timedelta(days=1), 100)

    panel = InfoPanelFactory(campaign=campaign)
    general = QrCode.objects.create(panel=panel, code="ALG001")
    s2_code = QrCode.objects.create(panel=panel, participation=parts[s2], code="BUSO01")
    QrScanCount.objects.create(qr_code=general, day=DAY - timedelta(days=2), count=6)
    QrScanCount.objects.create(qr_code=s2_code, day=DAY - timedelta(days=1), count=4)
    QrScanCount.objects.create(qr_code=s2_code, day=DAY + timedelta(days=2), count=50)


def test_participating_schools(reach, django_assert_num_queries):
    # 4 scope shapes, distinct schools (one query with GROUPING SETS on PostgreSQL).
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 4):
        found = cells("campaigns.participating_schools")
    assert found == {
        ("", "", "total", ""): 3,  # S1, S2, S3 (not the draft's school, not the late one)
        ("noord", "", "total", ""): 1,  # S1 by its main site, not also in Zuid
        ("zuid", "", "total", ""): 1,
        ("", "school", "total", ""): 1,
        ("", "buso", "total", ""): 1,
        ("", "clw", "total", ""): 1,
        ("noord", "school", "total", ""): 1,
        ("zuid", "buso", "total", ""): 1,
    }
    assert (
        found[("", "", "total", "")]
        == Participation.objects.filter(
            campaign__status="active", joined_at__lte=at(DAY, 23)
        ).count()
    )


def test_kits_ordered_by_delivery_site(reach, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = cells("campaigns.kits_ordered")
    assert found == {
        ("", "", "total", ""): 2,
        ("noord", "", "total", ""): 1,
        ("zuid", "", "total", ""): 1,
        ("", "school", "total", ""): 2,
        ("noord", "school", "total", ""): 1,
        ("zuid", "school", "total", ""): 1,
    }
    zuid = reach_subregion("zuid")
    assert registry.value("campaigns.kits_ordered", subregion=zuid, moment=DAY) == 1


def reach_subregion(slug):
    from steunpunt.core.models import Subregion

    return Subregion.objects.get(slug=slug)


def test_kit_downloads_and_qr_scans(reach, django_assert_num_queries):
    with django_assert_num_queries(1):
        downloads = cells("campaigns.kit_downloads")
    assert downloads == {
        ("", "", "total", ""): 15,  # 5 + 3 + 7 anonymous
        ("noord", "", "total", ""): 5,
        ("zuid", "", "total", ""): 3,
        ("", "school", "total", ""): 5,
        ("", "buso", "total", ""): 3,
        ("noord", "school", "total", ""): 5,
        ("zuid", "buso", "total", ""): 3,
    }
    assert registry.value("campaigns.kit_downloads", moment=DAY) == 15

    with django_assert_num_queries(1):
        scans = cells("campaigns.qr_scans")
    assert scans == {
        ("", "", "total", ""): 10,  # the general code counts in the province only
        ("zuid", "", "total", ""): 4,
        ("", "buso", "total", ""): 4,
        ("zuid", "buso", "total", ""): 4,
    }
    assert registry.value("campaigns.qr_scans", moment=DAY) == 10


def test_checklist_progress_is_a_percentage():
    figure = registry.get("campaigns.checklist_progress")
    assert figure.kind == "percent" and figure.grouping is None and str(figure.description)


@pytest.mark.parametrize(
    "name",
    [
        "campaigns.participating_schools",
        "campaigns.kits_ordered",
        "campaigns.kit_downloads",
        "campaigns.qr_scans",
    ],
)
def test_query_count_does_not_grow_with_the_rows(name, reach, django_assert_max_num_queries):
    grouping = registry.get(name).grouping
    expected = 1 if grouping.additive else 4  # additive: 1; distinct: 4 scope shapes
    with django_assert_max_num_queries(expected):
        registry.cells(name, moment=DAY)
    campaign = Campaign.objects.get(status="active")
    for _ in range(3):
        school = OrganisationFactory()
        SiteFactory(organisation=school)
        ParticipationFactory(campaign=campaign, school=school, joined_at=at(DAY - timedelta(1)))
        OrderFactory(campaign=campaign, school=school)
    with django_assert_max_num_queries(expected):
        registry.cells(name, moment=DAY)
