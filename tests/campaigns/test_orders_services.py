"""Placing an order reserves stock within the per-school maximum; refusing gives it back; every
step of the workflow mails the school's contacts; the "kits ordered" figure counts orders."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from campaigns.models import Campaign, IllegalOrderTransition, Order, Participation
from campaigns.orders.services import (
    approve_order,
    deliver_order,
    place_order,
    quantity_field,
    refuse_order,
    ship_order,
)
from steunpunt.core.figures import registry
from tests.campaigns.factories import CampaignFactory, PhysicalMaterialFactory
from tests.factories import SiteFactory


@pytest.fixture
def campaign(db):
    return CampaignFactory()


@pytest.fixture
def poster(campaign):
    return PhysicalMaterialFactory(campaign=campaign, name="Affiche A2", stock=10, max_per_school=5)


@pytest.fixture
def chair(campaign):
    return PhysicalMaterialFactory(
        campaign=campaign, name="Stoel", category="chair", stock=2, max_per_school=None
    )


def place(campaign, school, actor, *pairs):
    return place_order(
        campaign=campaign,
        school=school,
        site=school.sites.first(),
        quantities={material.pk: qty for material, qty in pairs},
        actor=actor,
    )


def test_placing_reserves_stock_and_joins_the_campaign(
    campaign, poster, chair, school, school_contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        placed = place(campaign, school, school_contact, (poster, 3), (chair, 2))

    poster.refresh_from_db()
    chair.refresh_from_db()
    assert (poster.stock, chair.stock) == (7, 0)
    assert placed.status == Order.Status.SUBMITTED
    assert placed.placed_by == school_contact
    assert sorted(placed.lines.values_list("material__name", "quantity")) == [
        ("Affiche A2", 3),
        ("Stoel", 2),
    ]
    assert Participation.objects.filter(campaign=campaign, school=school).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["school@vti.test"]
    assert "is ingediend" in mail.outbox[0].subject
    assert "3 × Affiche A2" in mail.outbox[0].body


def test_above_the_per_school_maximum_reserves_nothing(campaign, poster, chair, school):
    with pytest.raises(ValidationError) as caught:
        place(campaign, school, None, (poster, 6), (chair, 1))

    assert caught.value.message_dict == {
        quantity_field(poster): ["Je mag hoogstens 5 stuks bestellen."]
    }
    poster.refresh_from_db()
    chair.refresh_from_db()
    assert (poster.stock, chair.stock) == (10, 2)
    assert not Order.objects.exists()


def test_the_maximum_counts_earlier_orders_but_not_refused_ones(
    campaign, poster, school, coordinator
):
    first = place(campaign, school, None, (poster, 4))
    with pytest.raises(ValidationError) as caught:
        place(campaign, school, None, (poster, 2))
    assert (
        "bestelde er al 4, dus nu nog hoogstens 1"
        in caught.value.message_dict[quantity_field(poster)][0]
    )

    refuse_order(order=first, reason="Dubbele bestelling.", actor=coordinator)
    again = place(campaign, school, None, (poster, 5))  # the refused 4 no longer count

    assert again.lines.get().quantity == 5


def test_another_school_has_its_own_maximum(campaign, poster, school, other_school):
    place(campaign, school, None, (poster, 5))
    place(campaign, other_school, None, (poster, 5))
    poster.refresh_from_db()
    assert poster.stock == 0


def test_above_the_stock_gives_a_clear_error(campaign, chair, school):
    with pytest.raises(ValidationError) as caught:
        place(campaign, school, None, (chair, 3))
    assert caught.value.message_dict == {
        quantity_field(chair): ["Er zijn nog maar 2 stuks in voorraad."]
    }
    chair.refresh_from_db()
    assert chair.stock == 2


def test_sold_out(campaign, school):
    gone = PhysicalMaterialFactory(campaign=campaign, stock=0)
    with pytest.raises(ValidationError) as caught:
        place(campaign, school, None, (gone, 1))
    assert caught.value.message_dict == {quantity_field(gone): ["Dit materiaal is uitverkocht."]}


def test_refusals_of_bad_input(campaign, poster, school, other_school):
    with pytest.raises(ValidationError, match="minstens één materiaal"):
        place(campaign, school, None, (poster, 0))
    with pytest.raises(ValidationError, match="eigen school"):
        place_order(
            campaign=campaign,
            school=school,
            site=other_school.sites.first(),
            quantities={poster.pk: 1},
        )
    other_campaign_material = PhysicalMaterialFactory()
    with pytest.raises(ValidationError, match="hoort niet bij deze campagne"):
        place(campaign, school, None, (other_campaign_material, 1))
    not_yet = PhysicalMaterialFactory(
        campaign=campaign, available_from=datetime.date.today() + datetime.timedelta(days=3)
    )
    with pytest.raises(ValidationError) as caught:
        place(campaign, school, None, (not_yet, 1))
    assert caught.value.message_dict == {
        quantity_field(not_yet): ["Dit materiaal is nu niet te bestellen."]
    }
    closed = CampaignFactory(status=Campaign.Status.CLOSED)
    closed_material = PhysicalMaterialFactory(campaign=closed)
    with pytest.raises(ValidationError, match="loopt niet"):
        place(closed, school, None, (closed_material, 1))
    poster.refresh_from_db()
    assert poster.stock == 10
    assert not Order.objects.exists()


def test_refusing_gives_the_stock_back_and_mails_the_reason(
    campaign, poster, chair, school, school_contact, coordinator, django_capture_on_commit_callbacks
):
    placed = place(campaign, school, None, (poster, 3), (chair, 1))
    approve_order(order=placed, actor=coordinator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        refused = refuse_order(
            order=placed, reason="Uw school ligt buiten de provincie.", actor=coordinator
        )

    poster.refresh_from_db()
    chair.refresh_from_db()
    assert (poster.stock, chair.stock) == (10, 2)
    assert refused.status == Order.Status.REFUSED
    assert refused.refusal_reason == "Uw school ligt buiten de provincie."
    assert len(mail.outbox) == 1
    assert "geweigerd" in mail.outbox[0].subject
    assert "buiten de provincie" in mail.outbox[0].body


def test_refusing_twice_does_not_give_stock_back_twice(campaign, poster, school, coordinator):
    placed = place(campaign, school, None, (poster, 3))
    refuse_order(order=placed, reason="Nee.", actor=coordinator)
    with pytest.raises(IllegalOrderTransition):
        refuse_order(order=placed, reason="Nog eens nee.", actor=coordinator)
    poster.refresh_from_db()
    assert poster.stock == 10


def test_each_step_mails_the_school(
    campaign, poster, school, school_contact, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        placed = place(campaign, school, school_contact, (poster, 1))
    with django_capture_on_commit_callbacks(execute=True):
        approve_order(order=placed, actor=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        ship_order(order=placed, actor=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        delivered = deliver_order(order=placed, actor=coordinator)

    assert delivered.status == Order.Status.DELIVERED
    assert delivered.approved_at <= delivered.shipped_at <= delivered.delivered_at
    subjects = [m.subject for m in mail.outbox]
    assert [s.split(" is ")[-1] for s in subjects] == [
        "ingediend",
        "goedgekeurd",
        "verzonden",
        "geleverd",
    ]
    assert all(m.to == ["school@vti.test"] for m in mail.outbox)
    html = dict(mail.outbox[-1].alternatives)  # content → mimetype
    assert any("1 × " in content for content in html)


def test_illegal_steps_are_refused_by_the_service(campaign, poster, school, coordinator):
    placed = place(campaign, school, None, (poster, 1))
    with pytest.raises(IllegalOrderTransition):
        ship_order(order=placed, actor=coordinator)
    with pytest.raises(IllegalOrderTransition):
        deliver_order(order=placed, actor=coordinator)
    placed.refresh_from_db()
    assert placed.status == Order.Status.SUBMITTED


def test_kits_ordered_figure(campaign, poster, school, other_school, coordinator):
    place(campaign, school, None, (poster, 1))
    refused = place(campaign, other_school, None, (poster, 1))
    refuse_order(order=refused, reason="Nee.", actor=coordinator)
    subregion = school.sites.first().postcode.subregion

    assert registry.value("campaigns.kits_ordered") == 1
    assert registry.value("campaigns.kits_ordered", subregion=subregion) == 1
    assert registry.value("campaigns.kits_ordered", campaign=CampaignFactory()) == 0
    assert registry.value("campaigns.items_ordered") == 1
    assert registry.value("campaigns.kits_ordered", moment=datetime.date(2000, 1, 1)) == 0


def test_contacts_of_the_school_all_receive_the_mail(
    campaign, poster, school, django_capture_on_commit_callbacks
):
    from tests.factories import MembershipFactory, PersonFactory

    MembershipFactory(
        person=PersonFactory(email="directie@vti.test"), organisation=school, function="directeur"
    )
    MembershipFactory(
        person=PersonFactory(email="leerkracht@vti.test"), organisation=school, function="STEM"
    )
    MembershipFactory(
        person=PersonFactory(email="oud@vti.test"),
        organisation=school,
        function="oud-leerkracht",
        ended_on=datetime.date(2020, 1, 1),
    )
    SiteFactory(organisation=school)
    with django_capture_on_commit_callbacks(execute=True):
        place(campaign, school, None, (poster, 1))
    assert mail.outbox[0].to == ["directie@vti.test"]
    # One message per contact (through the outbox): nobody sees another contact's address.
    assert sorted(m.to for m in mail.outbox) == [["directie@vti.test"], ["leerkracht@vti.test"]]
    assert "oud@vti.test" not in str([m.to for m in mail.outbox])
