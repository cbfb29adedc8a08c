"""History rows (simple_history) outlive the rows they point to: the label of a membership,
an offer or a site whose person, programme or organisation was deleted since falls back to the
key, so the admin's history pages of those rows open instead of answering with a 500."""

import pytest
from django.urls import reverse

from steunpunt.core.models import Membership, ProgrammeOffer, Site
from tests.factories import (
    MembershipFactory,
    PersonFactory,
    ProgrammeOfferFactory,
    SchoolFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db


def test_a_membership_whose_person_is_gone(client, coordinator):
    person = PersonFactory(first_name="Jan", last_name="Desmet")
    membership = MembershipFactory(
        person=person, organisation=SchoolFactory(name="VTI Tielt"), function="mentor"
    )
    membership_pk, person_pk = membership.pk, person.pk
    person.delete()  # the membership goes with it; its history stays

    labels = [str(row.instance) for row in Membership.history.filter(id=membership_pk)]
    assert labels == [f"#{person_pk} – mentor (VTI Tielt)"] * 2  # created, deleted
    client.force_login(coordinator)
    history = client.get(reverse("admin:core_membership_history", args=[membership_pk]))
    assert history.status_code == 200
    assert f"#{person_pk} – mentor (VTI Tielt)" in history.content.decode()


def test_an_offer_whose_programme_is_gone(client, coordinator):
    offer = ProgrammeOfferFactory(programme__name="Kapper")
    offer_pk, programme_pk = offer.pk, offer.programme_id
    site_label = str(offer.site)
    offer.programme.delete()

    labels = {str(row.instance) for row in ProgrammeOffer.history.filter(id=offer_pk)}
    assert labels == {f"#{programme_pk} – {site_label}"}
    client.force_login(coordinator)
    history = client.get(reverse("admin:core_programmeoffer_history", args=[offer_pk]))
    assert history.status_code == 200


def test_a_site_whose_organisation_is_gone(client, coordinator):
    site = SiteFactory(organisation__name="Sint-Jozef", postcode__locality="Brugge")
    site_pk, organisation_pk = site.pk, site.organisation_id
    site.organisation.delete()

    labels = {str(row.instance) for row in Site.history.filter(id=site_pk)}
    assert labels == {f"#{organisation_pk}, Brugge"}
    client.force_login(coordinator)
    assert client.get(reverse("admin:core_site_history", args=[site_pk])).status_code == 200


def test_labels_of_live_rows_are_unchanged():
    membership = MembershipFactory(
        person__first_name="An", person__last_name="Peeters", organisation__name="KTA Ieper"
    )
    assert str(membership) == "An Peeters – trajectbegeleider (KTA Ieper)"
