"""Two schools order the last items at the same moment, on PostgreSQL: never oversold.

Each thread has its own database connection and transaction. A barrier lines both up just
before place_order, so both try to lock the material row at once; the second waits for the
first to commit and then sees what is left.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from campaigns.models import Material, Order
from campaigns.orders.services import place_order
from tests.campaigns.factories import CampaignFactory, PhysicalMaterialFactory
from tests.factories import SchoolFactory, SiteFactory


def race(material, schools, quantity):
    """Each school in `schools` (a school may appear twice: two of its contacts) orders
    `quantity` of `material`, all at the same moment; returns the outcome per attempt."""
    barrier = threading.Barrier(len(schools))
    results = {}

    def attempt(index, school):
        try:
            barrier.wait(timeout=10)
            order = place_order(
                campaign=material.campaign,
                school=school,
                site=school.sites.first(),
                quantities={material.pk: quantity},
            )
            results[index] = order
        except ValidationError as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=attempt, args=(index, school))
        for index, school in enumerate(schools)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_schools_ordering_the_last_items_never_oversell(postgres_only):
    assert connection.vendor == "postgresql"
    campaign = CampaignFactory()
    schools = [SchoolFactory(name=f"School {n}") for n in range(2)]
    for school in schools:
        SiteFactory(organisation=school)

    for _round in range(5):  # a few rounds: a lucky interleaving should not hide a bug
        material = PhysicalMaterialFactory(campaign=campaign, stock=3, max_per_school=None)
        results = race(material, schools, quantity=2)

        material.refresh_from_db()
        placed = [r for r in results.values() if isinstance(r, Order)]
        refused = [r for r in results.values() if isinstance(r, ValidationError)]
        assert len(placed) == 1, results
        assert len(refused) == 1
        assert "nog maar 1 stuks" in refused[0].messages[0]
        assert material.stock == 1
        assert (
            sum(line.quantity for line in Material.objects.get(pk=material.pk).order_lines.all())
            == 2
        )


@pytest.mark.django_db(transaction=True)
def test_many_schools_share_the_stock_exactly(postgres_only):
    campaign = CampaignFactory()
    schools = [SchoolFactory(name=f"School {n}") for n in range(6)]
    for school in schools:
        SiteFactory(organisation=school)
    material = PhysicalMaterialFactory(campaign=campaign, stock=4, max_per_school=None)

    results = race(material, schools, quantity=1)

    material.refresh_from_db()
    assert sum(isinstance(r, Order) for r in results.values()) == 4
    assert material.stock == 0


@pytest.mark.django_db(transaction=True)
def test_two_contacts_of_one_school_cannot_pass_the_maximum_together(postgres_only):
    campaign = CampaignFactory()
    school = SchoolFactory(name="VTI Roeselare")
    SiteFactory(organisation=school)
    material = PhysicalMaterialFactory(campaign=campaign, stock=100, max_per_school=3)

    results = race(material, [school, school], quantity=2)

    material.refresh_from_db()
    refused = [r for r in results.values() if isinstance(r, ValidationError)]
    assert sum(isinstance(r, Order) for r in results.values()) == 1
    assert "bestelde er al 2" in refused[0].messages[0]
    assert material.stock == 98
