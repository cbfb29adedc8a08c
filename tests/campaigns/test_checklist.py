"""The school checklist: a school ticks items (and so takes part), never another school's list;
coordinators see progress per school and subregion and who has not started."""

import pytest
from django.urls import reverse

from campaigns.campaign import services as campaign_services
from campaigns.campaign.figures import checklist_progress, participating_schools
from campaigns.models import Campaign, ChecklistTick, Participation
from steunpunt.core.figures import registry
from steunpunt.core.models import Postcode, Subregion
from tests.campaigns.factories import CampaignFactory, ChecklistItemFactory, ParticipationFactory
from tests.factories import SchoolFactory, SiteFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def campaign(db):
    campaign = CampaignFactory(slug="steek-een-poot-uit")
    campaign_services.add_default_checklist(campaign=campaign)
    return campaign


def checklist_url(campaign, school=None):
    url = reverse("campaigns:checklist", args=[campaign.slug])
    return f"{url}?school={school.uuid}" if school else url


def tick(client, campaign, item, done=True, school=None, **extra):
    return client.post(
        checklist_url(campaign, school),
        {"item": str(item.uuid), "done": "1" if done else "0"},
        **extra,
    )


def test_the_default_checklist_has_the_nine_points_of_the_guide(campaign):
    titles = list(campaign.checklist_items.values_list("title", flat=True))

    assert len(titles) == 9
    assert titles[0] == "Affiches en wobblers ophangen"
    assert titles[-1] == "De test toevoegen aan het advies van de klassenraad"
    # Adding the defaults again adds nothing; an own item stays.
    ChecklistItemFactory(campaign=campaign, title="Een oud-leerling laten vertellen", order=20)
    assert campaign_services.add_default_checklist(campaign=campaign) == 0
    assert campaign.checklist_items.count() == 10


def test_a_school_contact_ticks_an_item_and_so_takes_part(client, cast, campaign):
    client.force_login(cast["school_contact"])
    item = campaign.checklist_items.all()[2]
    assert not Participation.objects.filter(campaign=campaign).exists()

    response = tick(client, campaign, item)

    assert response.status_code == 302
    participation = Participation.objects.get(campaign=campaign)
    assert participation.school == cast["school"]
    tick_row = ChecklistTick.objects.get()
    assert (tick_row.item, tick_row.ticked_by) == (item, cast["school_contact"])
    page = client.get(checklist_url(campaign))
    assert "1 van de 9 punten afgevinkt" in page.content.decode()
    assert "Opgeslagen." in page.content.decode()


def test_ticking_twice_keeps_one_tick_and_unticking_removes_it(client, cast, campaign):
    client.force_login(cast["school_contact"])
    item = campaign.checklist_items.first()

    tick(client, campaign, item)
    tick(client, campaign, item)
    assert ChecklistTick.objects.count() == 1

    tick(client, campaign, item, done=False)
    assert ChecklistTick.objects.count() == 0
    assert Participation.objects.filter(campaign=campaign).count() == 1


def test_htmx_gets_the_checklist_fragment_back(client, cast, campaign):
    client.force_login(cast["school_contact"])
    items = list(campaign.checklist_items.all())
    tick(client, campaign, items[0])

    response = tick(client, campaign, items[1], **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="checklist"')
    assert "<html" not in html
    assert "2 van de 9 punten afgevinkt" in html
    assert f'id="vink-{items[1].uuid}"' in html  # htmx gives the focus back to this button


def test_an_unknown_item_is_refused_with_a_dutch_message(client, cast, campaign):
    client.force_login(cast["school_contact"])
    other_item = ChecklistItemFactory(campaign=CampaignFactory())

    response = tick(client, campaign, other_item, **HTMX)

    assert response.status_code == 200  # htmx swaps only successful responses
    assert 'role="alert"' in response.content.decode()
    assert "Kies een punt van de checklist." in response.content.decode()
    assert not ChecklistTick.objects.exists()
    assert not Participation.objects.exists()


def test_a_closed_campaign_shows_the_checklist_but_refuses_ticks(client, cast, campaign):
    item = campaign.checklist_items.first()
    client.force_login(cast["school_contact"])
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)

    page = client.get(checklist_url(campaign)).content.decode()
    response = tick(client, campaign, item, follow=True)

    assert "alleen nog bekijken" in page
    assert "Afvinken" not in page
    assert "Deze campagne loopt niet" in response.content.decode()
    assert not ChecklistTick.objects.exists()


def test_another_schools_checklist_is_a_404(client, cast, campaign):
    """The outsider (contact of other_school) names `school`: not found, nothing ticked."""
    item = campaign.checklist_items.first()
    campaign_services.tick_item(
        campaign=campaign, school=cast["school"], item=item, done=True, actor=None
    )
    client.force_login(cast["outsider"])

    assert client.get(checklist_url(campaign, cast["school"])).status_code == 404
    assert tick(client, campaign, item, done=False, school=cast["school"]).status_code == 404
    home = reverse("campaigns:school_home", args=[campaign.slug])
    assert client.get(f"{home}?school={cast['school'].uuid}").status_code == 404
    assert ChecklistTick.objects.filter(participation__school=cast["school"]).count() == 1
    # Its own checklist shows nothing of the other school's ticks.
    own = client.get(checklist_url(campaign)).content.decode()
    assert "0 van de 9 punten afgevinkt" in own
    assert cast["school"].name not in own


def test_roles_without_a_school_cannot_tick(client, cast, campaign):
    item = campaign.checklist_items.first()
    client.force_login(cast["company_contact"])
    assert tick(client, campaign, item).status_code == 403
    client.logout()
    response = tick(client, campaign, item)
    assert response.status_code == 302 and "/account/" in response["Location"]
    assert not ChecklistTick.objects.exists()


def test_a_coordinator_ticks_for_a_named_school(client, cast, campaign):
    client.force_login(cast["coordinator"])
    item = campaign.checklist_items.first()

    # Which school? Without one, the coordinator picks it in the participation report.
    response = client.get(checklist_url(campaign))
    assert response["Location"] == reverse("campaigns:staff_participation", args=[campaign.slug])
    response = tick(client, campaign, item, school=cast["school"])

    assert response.status_code == 302
    assert response["Location"].endswith(f"?school={cast['school'].uuid}")
    assert ChecklistTick.objects.get().participation.school == cast["school"]


def test_drafts_are_not_reachable_for_schools(client, cast):
    draft = CampaignFactory(status=Campaign.Status.DRAFT)
    client.force_login(cast["school_contact"])
    assert client.get(checklist_url(draft)).status_code == 404


def test_the_school_home_shows_progress_and_the_tools(client, cast, campaign, settings):
    items = list(campaign.checklist_items.all())
    for item in items[:3]:
        campaign_services.tick_item(
            campaign=campaign, school=cast["school"], item=item, done=True, actor=None
        )
    client.force_login(cast["school_contact"])
    home = reverse("campaigns:school_home", args=[campaign.slug])

    html = client.get(home).content.decode()

    assert "VTI Roeselare in de campagne" in html
    assert "3 van de 9 punten afgevinkt" in html
    # The other campaign tools, one click away.
    for url in (
        reverse("campaigns:order_create", args=[campaign.slug]),
        reverse("campaigns:order_list"),
        reverse("campaigns:kit", args=[campaign.slug]),
        reverse("campaigns:folder", args=[campaign.slug]),
    ):
        assert f'href="{url}"' in html


# --- The coordinators' report -----------------------------------------------------------------


def school_in(subregion_name, name):
    subregion, _ = Subregion.objects.get_or_create(
        name=subregion_name, defaults={"slug": subregion_name.lower()}
    )
    postcode = Postcode.objects.create(
        code="8" + str(Postcode.objects.count()).zfill(3), locality=name, subregion=subregion
    )
    school = SchoolFactory(name=name)
    SiteFactory(organisation=school, postcode=postcode, is_main=True)
    return school


@pytest.fixture
def report_schools(campaign):
    items = list(campaign.checklist_items.all())
    a = school_in("Brugge", "Aschool Brugge")
    b = school_in("Brugge", "Bschool Brugge")
    c = school_in("Westhoek", "Cschool Ieper")
    d = school_in("Westhoek", "Dschool Veurne")  # not taking part
    for item in items[:9]:
        campaign_services.tick_item(campaign=campaign, school=a, item=item, done=True, actor=None)
    for item in items[:3]:
        campaign_services.tick_item(campaign=campaign, school=c, item=item, done=True, actor=None)
    ParticipationFactory(campaign=campaign, school=b)  # joined, ticked nothing
    return a, b, c, d


def test_the_report_shows_progress_per_school_and_subregion(client, cast, campaign, report_schools):
    a, b, c, d = report_schools
    client.force_login(cast["coordinator"])

    response = client.get(reverse("campaigns:staff_participation", args=[campaign.slug]))

    report = response.context["report"]
    by_name = {row.school.name: row for row in report.schools}
    assert by_name["Aschool Brugge"].percent == 100
    assert by_name["Cschool Ieper"].percent == 33
    assert by_name["Bschool Brugge"].participating and by_name["Bschool Brugge"].done == 0
    assert not by_name["Dschool Veurne"].participating
    groups = {g.name: g for g in report.subregions}
    assert (groups["Brugge"].schools, groups["Brugge"].participating) == (2, 2)
    assert groups["Brugge"].percent == 50  # (9 + 0) / (2 × 9)
    assert (groups["Westhoek"].participating, groups["Westhoek"].percent) == (1, 33)
    not_started = {row.school.name for row in report.not_started}
    assert {"Bschool Brugge", "Dschool Veurne"} <= not_started
    assert "Aschool Brugge" not in not_started
    html = response.content.decode()
    assert f'data-not-started="{d.uuid}"' in html
    assert f'data-not-started="{a.uuid}"' not in html


def test_the_report_has_a_fixed_number_of_queries(
    client, cast, campaign, report_schools, django_assert_max_num_queries
):
    for n in range(15):
        school = school_in("Kust", f"Kustschool {n}")
        campaign_services.tick_item(
            campaign=campaign,
            school=school,
            item=campaign.checklist_items.first(),
            done=True,
            actor=None,
        )
    client.force_login(cast["coordinator"])
    url = reverse("campaigns:staff_participation", args=[campaign.slug])
    # session, user, MFA authenticator, groups; campaign, item count, subregions, and one
    # query for all schools with their ticks and subregion, however many schools there are.
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert len(response.context["report"].participating) == 18


def test_only_coordinators_see_the_report(client, cast, campaign):
    url = reverse("campaigns:staff_participation", args=[campaign.slug])
    client.force_login(cast["school_contact"])
    assert client.get(url).status_code == 403
    client.force_login(cast["pof_secretary"])
    assert client.get(url).status_code == 403


def test_figures_for_the_dashboard(campaign, report_schools):
    brugge = Subregion.objects.get(name="Brugge")

    assert participating_schools() == 3
    assert participating_schools(subregion=brugge) == 2
    assert checklist_progress() == round(100 * 12 / 27, 1)
    assert checklist_progress(subregion=brugge) == 50.0
    assert registry.value("campaigns.participating_schools") == 3
    Campaign.objects.update(status=Campaign.Status.CLOSED)
    assert participating_schools() == 0
    assert checklist_progress() is None


def test_coordinators_give_a_new_campaign_the_default_checklist_in_the_admin(
    client, cast, settings
):
    settings.MFA_REQUIRED_FOR_STAFF = False
    new = CampaignFactory(slug="nieuwe-campagne")
    url = reverse("admin:campaigns_checklistitem_defaults")
    client.force_login(cast["pof_secretary"])
    assert client.post(url, {"campaign": new.pk}).status_code == 403
    assert not new.checklist_items.exists()
    client.force_login(cast["coordinator"])
    assert "Affiches en wobblers ophangen" in client.get(url).content.decode()

    response = client.post(url, {"campaign": new.pk}, follow=True)

    assert "9 punten toegevoegd aan de checklist van" in response.content.decode()
    assert new.checklist_items.count() == 9
    assert "Kies een campagne." in client.post(url, {}).content.decode()


def test_a_contact_of_two_schools_keeps_the_school_it_chose(client, cast, campaign):
    from tests.factories import MembershipFactory

    second = SchoolFactory(name="Zuidschool Kortrijk")
    MembershipFactory(person=cast["school_contact"].person, organisation=second)
    client.force_login(cast["school_contact"])
    item = campaign.checklist_items.first()

    response = tick(client, campaign, item, school=second)

    assert response["Location"].endswith(f"?school={second.uuid}")
    assert ChecklistTick.objects.get().participation.school == second
    html = client.get(checklist_url(campaign, second)).content.decode()
    assert f'action="{checklist_url(campaign, second)}"' in html
