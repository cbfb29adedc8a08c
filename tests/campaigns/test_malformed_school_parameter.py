"""`?school=` that is not a UUID names no school: a 404, like an unknown school, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.campaigns.factories import CampaignFactory

MALFORMED = ["abc", "-1", "99999999999999999999", "x" * 5000, "a\x00b"]
PAGES = [
    "campaigns:order_create",
    "campaigns:school_home",
    "campaigns:folder",
    "campaigns:checklist",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("value", MALFORMED)
def test_a_malformed_school_is_a_404(cast, page, value):
    campaign = CampaignFactory()
    for role in ("coordinator", "school_contact"):
        client = Client(raise_request_exception=False)
        client.force_login(cast[role])
        url = reverse(page, kwargs={"slug": campaign.slug})
        response = client.get(url, {"school": value})
        assert response.status_code == 404, (role, response.status_code)


def test_joining_with_a_malformed_school_is_a_404(cast):
    campaign = CampaignFactory()
    client = Client(raise_request_exception=False)
    client.force_login(cast["school_contact"])
    response = client.post(
        reverse("campaigns:kit_join", kwargs={"slug": campaign.slug}), {"school": "abc"}
    )
    assert response.status_code == 404


def test_a_well_formed_school_still_works(cast):
    campaign = CampaignFactory()
    client = Client()
    client.force_login(cast["coordinator"])
    url = reverse("campaigns:order_create", kwargs={"slug": campaign.slug})
    assert client.get(url, {"school": str(cast["school"].uuid)}).status_code == 200
