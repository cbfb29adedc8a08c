"""The school's order form and history, and the coordinators' list, detail and actions."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from campaigns.models import Order
from campaigns.orders.services import approve_order, place_order, quantity_field
from tests.campaigns.factories import CampaignFactory, OrderFactory, PhysicalMaterialFactory
from tests.factories import PostcodeFactory, SchoolFactory, SiteFactory


@pytest.fixture
def campaign(db):
    return CampaignFactory(name="Steek een poot uit", slug="steek-een-poot-uit")


@pytest.fixture
def poster(campaign):
    return PhysicalMaterialFactory(campaign=campaign, name="Affiche A2", stock=10, max_per_school=5)


@pytest.fixture
def info_point(campaign):
    return PhysicalMaterialFactory(
        campaign=campaign, name="DIY-infopunt", category="info_point", stock=1, max_per_school=1
    )


def form_url(campaign):
    return reverse("campaigns:order_create", kwargs={"slug": campaign.slug})


def form_data(school, **quantities):
    return {
        "site": school.sites.first().pk,
        "wished_date": "",
        "remarks": "Graag voor de opendeurdag.",
        **{quantity_field(m): q for m, q in quantities.values()},
    }


# --- The order form -------------------------------------------------------------------------


def test_the_form_shows_what_the_school_may_still_order(
    client, school_contact, school, campaign, poster, info_point
):
    place_order(
        campaign=campaign, school=school, site=school.sites.first(), quantities={poster.pk: 2}
    )
    client.force_login(school_contact)
    response = client.get(form_url(campaign))
    html = response.content.decode()
    assert "Affiche A2" in html and "DIY-infopunt" in html
    assert "Je kan nog 3 stuks bestellen." in html
    assert "Je school bestelde er al 2." in html
    assert f'name="{quantity_field(poster)}"' in html


def test_ordering_within_limits(
    client, school_contact, school, campaign, poster, info_point, django_capture_on_commit_callbacks
):
    client.force_login(school_contact)
    data = form_data(school, a=(poster, 3), b=(info_point, 1))
    data["wished_date"] = (datetime.date.today() + datetime.timedelta(days=14)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url(campaign), data)

    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == order.get_absolute_url()
    assert order.school == school and order.remarks == "Graag voor de opendeurdag."
    poster.refresh_from_db()
    assert poster.stock == 7
    assert len(mail.outbox) == 1


def test_above_the_maximum_keeps_what_was_typed_and_reserves_nothing(
    client, school_contact, school, campaign, poster, info_point
):
    client.force_login(school_contact)
    response = client.post(form_url(campaign), form_data(school, a=(poster, 6), b=(info_point, 1)))

    assert response.status_code == 400
    html = response.content.decode()
    # The error sits with the field (crispy renders it under the input), in Dutch.
    field_id = f"id_{quantity_field(poster)}"
    error_at = html.rindex("Je mag hoogstens 5 stuks bestellen.")
    assert html.rindex(f'id="{field_id}"', 0, error_at) > html.index("Wat wil je bestellen?")
    assert f'<a href="#{field_id}">' in html  # and in the summary at the top
    assert 'value="6"' in html and "Graag voor de opendeurdag." in html
    poster.refresh_from_db()
    info_point.refresh_from_db()
    assert (poster.stock, info_point.stock) == (10, 1)
    assert not Order.objects.exists()


def test_above_the_stock_and_other_bad_input(
    client, school_contact, school, campaign, poster, info_point
):
    info_point.max_per_school = 3
    info_point.save()
    client.force_login(school_contact)
    response = client.post(form_url(campaign), form_data(school, b=(info_point, 2)))
    assert "Er zijn nog maar 1 stuks in voorraad." in response.content.decode()

    response = client.post(form_url(campaign), form_data(school, a=(poster, -1)))
    assert "Een aantal kan niet negatief zijn." in response.content.decode()

    response = client.post(form_url(campaign), form_data(school, a=(poster, "twee")))
    assert "Geef een geheel getal." in response.content.decode()

    response = client.post(form_url(campaign), form_data(school))
    assert "Kies van minstens één materiaal een aantal." in response.content.decode()

    data = form_data(school, a=(poster, 1))
    data["wished_date"] = "2020-01-01"
    response = client.post(form_url(campaign), data)
    assert "Deze datum ligt in het verleden." in response.content.decode()
    assert response.status_code == 400
    assert not Order.objects.exists()


def test_a_school_cannot_deliver_to_another_schools_site(
    client, school_contact, school, other_school, campaign, poster
):
    client.force_login(school_contact)
    data = form_data(school, a=(poster, 1))
    data["site"] = other_school.sites.first().pk
    response = client.post(form_url(campaign), data)
    assert response.status_code == 400
    assert not Order.objects.exists()


def test_a_school_cannot_order_for_another_school(
    client, school_contact, other_school, campaign, poster
):
    client.force_login(school_contact)
    response = client.get(form_url(campaign) + f"?school={other_school.uuid}")
    assert response.status_code == 404


def test_a_coordinator_orders_on_behalf_of_a_school(
    client,
    coordinator,
    school,
    school_contact,
    campaign,
    poster,
    django_capture_on_commit_callbacks,
):
    client.force_login(coordinator)
    url = form_url(campaign) + f"?school={school.uuid}"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(school, a=(poster, 1)))
    assert response.status_code == 302
    assert Order.objects.get().school == school
    assert [m.to for m in mail.outbox] == [["school@vti.test"]]  # the school, not the coordinator


def test_a_closed_campaign_takes_no_orders(client, school_contact, school, poster):
    campaign = poster.campaign
    campaign.status = campaign.Status.CLOSED
    campaign.save()
    client.force_login(school_contact)
    assert "bestellen kan niet" in client.get(form_url(campaign)).content.decode()
    response = client.post(form_url(campaign), form_data(school, a=(poster, 1)))
    assert response.status_code == 302
    assert not Order.objects.exists()


def test_a_school_without_an_address_is_told_what_to_do(client, school_contact, school, poster):
    school.sites.update(active=False)
    client.force_login(school_contact)
    html = client.get(form_url(poster.campaign)).content.decode()
    assert "We kennen nog geen adres van VTI Roeselare" in html
    assert "Bestelling indienen" not in html


def test_roles_without_a_school_cannot_order(client, company_contact, campaign, poster):
    client.force_login(company_contact)
    assert client.get(form_url(campaign)).status_code == 403


# --- The school's history -------------------------------------------------------------------


def test_the_school_sees_its_own_history_only(
    client, school_contact, school, other_school, django_assert_max_num_queries
):
    mine = [OrderFactory(school=school) for _ in range(3)]
    theirs = OrderFactory(school=other_school)
    client.force_login(school_contact)
    # session + user + roles, the active campaign, the count, the orders with
    # campaign/school/site/postcode, their lines with the material
    with django_assert_max_num_queries(7):
        response = client.get(reverse("campaigns:order_list"))
    html = response.content.decode()
    assert all(order.reference in html for order in mine)
    assert theirs.reference not in html
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(mine[0].get_absolute_url()).status_code == 200


def test_an_empty_history_points_to_the_order_form(client, school_contact, campaign):
    client.force_login(school_contact)
    html = client.get(reverse("campaigns:order_list")).content.decode()
    assert "Je school bestelde nog geen campagnemateriaal." in html
    assert f'href="{form_url(campaign)}"' in html


def test_the_school_reads_why_an_order_was_refused(client, school_contact, school, coordinator):
    from campaigns.orders.services import refuse_order

    order = OrderFactory(school=school)
    refuse_order(
        order=order, reason="Uw vestiging ligt niet in West-Vlaanderen.", actor=coordinator
    )
    client.force_login(school_contact)
    html = client.get(order.get_absolute_url()).content.decode()
    assert "Geweigerd" in html and "niet in West-Vlaanderen" in html


# --- Coordinators ---------------------------------------------------------------------------


def test_staff_list_filters_with_a_locked_query_count(
    client, coordinator, django_assert_max_num_queries
):
    here = SiteFactory(organisation=SchoolFactory(name="Campus Ieper"))
    there = SiteFactory(
        organisation=SchoolFactory(name="Campus Kortrijk"), postcode=PostcodeFactory()
    )
    approved = [OrderFactory(school=here.organisation, site=here) for _ in range(3)]
    for order in approved:
        approve_order(order=order, actor=coordinator)
    submitted = [OrderFactory(school=there.organisation, site=there) for _ in range(3)]
    client.force_login(coordinator)
    url = reverse("campaigns:staff_order_list")

    # session, user, the user's authenticator and roles (4), the filter form's choices:
    # campaigns and subregions (2), the count and the page of orders with
    # school/site/postcode/subregion/campaign (2), their lines with the material (1)
    with django_assert_max_num_queries(9):
        response = client.get(url, {"status": "approved"})
    html = response.content.decode()
    assert all(o.reference in html for o in approved)
    assert not any(o.reference in html for o in submitted)

    subregion = there.postcode.subregion
    html = client.get(url, {"subregion": subregion.pk}).content.decode()
    assert all(o.reference in html for o in submitted)
    assert not any(o.reference in html for o in approved)

    html = client.get(url, {"campaign": submitted[0].campaign.pk}).content.decode()
    assert submitted[0].reference in html and approved[0].reference not in html

    Order.objects.filter(pk=submitted[0].pk).update(
        created_at=datetime.datetime(2026, 9, 15, 10, tzinfo=datetime.UTC)
    )
    html = client.get(
        url, {"placed_from": "2026-09-15", "placed_until": "2026-09-15"}
    ).content.decode()
    assert submitted[0].reference in html and submitted[1].reference not in html

    html = client.get(url, {"status": "delivered"}).content.decode()
    assert "Geen bestellingen met deze filters." in html


def test_the_list_query_count_does_not_grow_with_orders(
    client, coordinator, django_assert_max_num_queries
):
    for _ in range(20):
        OrderFactory()
    client.force_login(coordinator)
    with django_assert_max_num_queries(9):  # as above: 9 whatever the number of orders
        client.get(reverse("campaigns:staff_order_list"))


def test_staff_walks_an_order_through_the_workflow(
    client,
    coordinator,
    school_contact,
    school,
    campaign,
    poster,
    django_capture_on_commit_callbacks,
):
    order = place_order(
        campaign=campaign, school=school, site=school.sites.first(), quantities={poster.pk: 2}
    )
    client.force_login(coordinator)
    status_url = reverse("campaigns:staff_order_status", kwargs={"uuid": order.uuid})
    for action, status in (
        ("approve", Order.Status.APPROVED),
        ("ship", Order.Status.SHIPPED),
        ("deliver", Order.Status.DELIVERED),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(status_url, {"action": action}, follow=True)
        order.refresh_from_db()
        assert order.status == status
        assert "De school krijgt een e-mail." in response.content.decode()
    assert len(mail.outbox) == 3

    # A step out of order is refused with a message, nothing changes.
    response = client.post(status_url, {"action": "ship"}, follow=True)
    assert "Alleen een goedgekeurde bestelling kan je verzenden." in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED
    assert client.post(status_url, {"action": "explode"}).status_code == 404


def test_staff_refuses_with_a_reason(client, coordinator, school, campaign, poster):
    order = place_order(
        campaign=campaign, school=school, site=school.sites.first(), quantities={poster.pk: 4}
    )
    client.force_login(coordinator)
    url = reverse("campaigns:staff_order_refuse", kwargs={"uuid": order.uuid})

    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Geef de reden van de weigering." in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.SUBMITTED

    client.post(url, {"reason": "Dubbel besteld."})
    order.refresh_from_db()
    poster.refresh_from_db()
    assert (order.status, order.refusal_reason, poster.stock) == (
        Order.Status.REFUSED,
        "Dubbel besteld.",
        10,
    )


def test_actions_are_for_coordinators_and_post_only(client, school_contact, school, coordinator):
    order = OrderFactory(school=school)
    status_url = reverse("campaigns:staff_order_status", kwargs={"uuid": order.uuid})
    client.force_login(school_contact)
    assert client.post(status_url, {"action": "approve"}).status_code == 403
    client.force_login(coordinator)
    assert client.get(status_url).status_code == 405
    order.refresh_from_db()
    assert order.status == Order.Status.SUBMITTED


def test_admin_actions_move_orders_on(client, coordinator, school):
    orders = [OrderFactory(school=school) for _ in range(2)]
    client.force_login(coordinator)
    url = reverse("admin:campaigns_order_changelist")
    response = client.post(
        url,
        {"action": "approve_orders", "_selected_action": [o.pk for o in orders]},
        follow=True,
    )
    assert "2 bestellingen bijgewerkt." in response.content.decode()
    assert set(Order.objects.values_list("status", flat=True)) == {Order.Status.APPROVED}

    response = client.post(
        url,
        {"action": "deliver_orders", "_selected_action": [orders[0].pk]},
        follow=True,
    )
    assert "Alleen een verzonden bestelling kan geleverd zijn." in response.content.decode()
    orders[0].refresh_from_db()
    assert orders[0].status == Order.Status.APPROVED
