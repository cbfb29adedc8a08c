"""The public campaign pages (list and page with materials, moments, quotes), the sitemap, and
load_campaign (the real campaign "Steek een poot uit", idempotent, with demo schools)."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from campaigns.campaign import services as campaign_services
from campaigns.campaign.content import load_initial_campaign, school_year_of
from campaigns.models import Campaign, ChecklistTick, Material, Participation
from tests.campaigns.factories import (
    CampaignFactory,
    CampaignMomentFactory,
    DigitalMaterialFactory,
    FeedbackFactory,
    MaterialFileFactory,
    PhysicalMaterialFactory,
)
from tests.factories import SchoolFactory


@pytest.fixture
def campaign(db):
    campaign = CampaignFactory(
        slug="steek-een-poot-uit",
        name="Steek een poot uit",
        slogan="Leer op school én op de werkvloer.",
        goals="- Meer leerlingen kennen **duaal leren**.",
    )
    PhysicalMaterialFactory(campaign=campaign, name="Roll-upbanner", slug="roll-up")
    DigitalMaterialFactory(campaign=campaign, name="Film", slug="film")
    MaterialFileFactory(
        material=DigitalMaterialFactory(campaign=campaign, name="Webbanners", slug="banners")
    )
    CampaignMomentFactory(campaign=campaign, title="Quizweek", date=datetime.date(2027, 1, 19))
    return campaign


def test_the_list_shows_public_campaigns_only(client, campaign):
    CampaignFactory(name="Geheime campagne", status=Campaign.Status.DRAFT)
    CampaignFactory(name="Campagne van vorig jaar", status=Campaign.Status.CLOSED)

    html = client.get(reverse("campaigns:campaign_list")).content.decode()

    assert "Steek een poot uit" in html
    assert "Campagne van vorig jaar" in html and "Afgelopen." in html
    assert "Geheime campagne" not in html


def test_the_list_has_a_fixed_number_of_queries(client, campaign, django_assert_max_num_queries):
    for _n in range(10):
        CampaignFactory(status=Campaign.Status.CLOSED)
    with django_assert_max_num_queries(1):  # the public campaigns, nothing per campaign
        response = client.get(reverse("campaigns:campaign_list"))
    assert len(response.context["campaigns"]) == 11


def test_the_list_has_a_real_empty_state(client, db):
    html = client.get(reverse("campaigns:campaign_list")).content.decode()
    assert "Er loopt nu geen campagne." in html


def test_the_page_shows_slogan_period_goals_materials_and_moments(client, campaign):
    html = client.get(campaign.get_absolute_url()).content.decode()

    assert "Leer op school én op de werkvloer." in html
    assert "1 september 2026" in html and "30 juni 2027" in html
    assert "<strong>duaal leren</strong>" in html  # goals in Markdown
    school_home = reverse("campaigns:school_home", args=[campaign.slug])
    assert f'href="{school_home}">Bestel via je schoolaccount' in html
    assert "Quizweek" in html
    assert reverse("campaigns:calendar_ics", args=[campaign.slug]) in html
    # Digital material without a file says so; with files it leads to the digital kit.
    assert "Nog niet beschikbaar." in html
    kit = reverse("campaigns:kit", args=[campaign.slug])
    assert f'href="{kit}">Download in de digitale kit' in html


def test_a_draft_campaign_is_not_public(client, cast):
    draft = CampaignFactory(status=Campaign.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(cast["school_contact"])
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_school_contacts_and_coordinators_get_their_own_way_in(client, cast, campaign):
    school_home = reverse("campaigns:school_home", args=[campaign.slug])
    report = reverse("campaigns:staff_participation", args=[campaign.slug])
    assert (
        "Naar de pagina van je school"
        not in client.get(campaign.get_absolute_url()).content.decode()
    )
    client.force_login(cast["school_contact"])
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert f'href="{school_home}">Naar de pagina van je school' in html
    client.force_login(cast["coordinator"])
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert f'href="{report}"' in html
    # Every staff page of the campaign is one click away for a coordinator.
    for url in (
        reverse("campaigns:staff_order_list") + f"?campaign={campaign.pk}",
        reverse("campaigns:mailing_list"),
        reverse("campaigns:staff_folder_batch", args=[campaign.slug]),
        reverse("campaigns:qr_report", args=[campaign.slug]),
    ):
        assert f'href="{url}"' in html


def test_the_page_has_a_fixed_number_of_queries(client, campaign, django_assert_max_num_queries):
    for n in range(10):
        MaterialFileFactory(material__campaign=campaign, material__slug=f"extra-{n}")
        CampaignMomentFactory(campaign=campaign)
        FeedbackFactory(campaign=campaign, is_quoted=True)
    # campaign, materials, their files, moments, quotes
    with django_assert_max_num_queries(5):
        response = client.get(campaign.get_absolute_url())
    assert len(response.context["page"].digital) == 12
    assert len(response.context["page"].quotes) == 6  # the six most recent


def test_the_sitemap_lists_the_public_campaign_pages(client, campaign):
    CampaignFactory(slug="in-voorbereiding", status=Campaign.Status.DRAFT)

    xml = client.get(reverse("sitemap")).content.decode()

    assert reverse("campaigns:campaign_list") in xml
    assert campaign.get_absolute_url() in xml
    assert reverse("campaigns:feedback", args=[campaign.slug]) in xml
    assert "in-voorbereiding" not in xml


# --- load_campaign ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, year",
    [
        (datetime.date(2026, 11, 22), (2026, 2027)),
        (datetime.date(2027, 3, 1), (2026, 2027)),
        (datetime.date(2027, 9, 1), (2027, 2028)),
    ],
)
def test_the_school_year_starts_in_september(day, year):
    assert school_year_of(day) == year


def test_load_campaign_creates_the_real_campaign_once(db):
    report = load_initial_campaign(today=datetime.date(2026, 11, 22))
    campaign = report.campaign

    assert report.created
    assert (campaign.name, campaign.status, campaign.school_year) == (
        "Steek een poot uit",
        Campaign.Status.ACTIVE,
        "2026-2027",
    )
    assert campaign.starts_on == datetime.date(2026, 10, 1)
    assert campaign.ends_on == datetime.date(2027, 6, 30)
    physical = campaign.materials.physical()
    assert {m.category for m in physical} >= {"info_point", "poster", "wobbler", "roll_up"}
    assert all(m.stock and m.max_per_school for m in physical)
    banners = campaign.materials.get(slug="webbanners")
    assert banners.files.count() == 3
    assert banners.files.first().file.read(8) == b"\x89PNG\r\n\x1a\n"
    assert campaign.checklist_items.count() == 9
    moments = campaign.moments.all()
    assert moments.count() >= 8
    assert all(campaign.starts_on <= m.date <= campaign.ends_on for m in moments)
    assert campaign.moments.filter(start_time__isnull=False).exists()

    again = load_initial_campaign(today=datetime.date(2026, 11, 22))

    assert not again.created
    assert (again.materials, again.files, again.moments, again.checklist_items) == (0, 0, 0, 0)
    assert Campaign.objects.count() == 1
    assert Material.objects.count() == campaign.materials.count()


def test_load_campaign_keeps_what_coordinators_changed(db):
    campaign = load_initial_campaign().campaign
    campaign.moments.filter(slug="quizweek").update(title="Quizweek (verplaatst)")
    campaign.materials.filter(slug="affiches").update(stock=5)

    load_initial_campaign()

    assert campaign.moments.get(slug="quizweek").title == "Quizweek (verplaatst)"
    assert campaign.materials.get(slug="affiches").stock == 5


def test_load_campaign_demo_lets_the_demo_schools_take_part(db):
    demo = [SchoolFactory(external_ref=f"demo-school-{n:04d}") for n in range(1, 7)]
    real = SchoolFactory(external_ref="")
    out = StringIO()

    call_command("load_campaign", "--demo", stdout=out)
    call_command("load_campaign", "--demo", stdout=out)

    campaign = Campaign.objects.get(slug="steek-een-poot-uit")
    participating = set(
        Participation.objects.filter(campaign=campaign).values_list("school", flat=True)
    )
    assert participating == {s.pk for s in demo} - {demo[4].pk}  # the fifth does not take part
    assert real.pk not in participating
    ticks = ChecklistTick.objects.filter(participation__school=demo[0]).count()
    assert ticks == 3  # the demo login's school: a checklist a third done
    assert ChecklistTick.objects.filter(participation__school=demo[2]).count() == 0
    assert "5 demoscholen doen mee." in out.getvalue()


def test_ticking_in_a_loaded_campaign_uses_its_items(db):
    campaign = load_initial_campaign().campaign
    school = SchoolFactory()
    item = campaign.checklist_items.get(title="De quiz spelen in de klas en erover praten")

    campaign_services.tick_item(campaign=campaign, school=school, item=item, done=True, actor=None)

    assert ChecklistTick.objects.get().item == item
