"""Post/redirect/get on every public form: a valid POST answers with a redirect (302), so a
refresh of the page that follows never sends the form again."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.campaigns.factories import CampaignFactory
from tests.inbox.test_public_forms import CONTACT, INFO, info_data, question_data
from tests.infotools.quiz_factories import make_session
from tests.infotools.test_selftest_views import READY
from tests.matchmaking.test_public_forms import BECOME, candidate_data
from tests.network.factories import EventFactory

pytestmark = pytest.mark.django_db


def _posted(url, data):
    client = Client()
    response = client.post(url, data)
    assert response.status_code == 302, response.status_code
    assert client.get(response["Location"]).status_code == 200
    return response


def test_campaign_feedback():
    campaign = CampaignFactory()
    data = {"author": "parent", "text": "Een mooie campagne, mijn zoon vond ze leuk.",
            "signature": "Een ouder", "consent_to_quote": "on", "website": ""}  # fmt: skip
    _posted(reverse("campaigns:feedback", kwargs={"slug": campaign.slug}), data)


def test_event_registration():
    event = EventFactory()
    data = {"name": "An Desmet", "email": "an@example.be", "consent": "on"}
    _posted(reverse("events:detail", args=[event.slug]), data)


def test_contact_and_info_session_request():
    from tests.factories import PostcodeFactory

    PostcodeFactory(code="8700", locality="Tielt", is_main_locality=True)
    _posted(CONTACT, question_data())
    _posted(INFO, info_data())


def test_become_a_workplace():
    from tests.factories import PostcodeFactory

    PostcodeFactory(code="8800", locality="Roeselare", is_main_locality=True)
    _posted(BECOME, candidate_data())


def test_selftest():
    _posted(reverse("selftest:start"), {**READY, "postcode": "", "km": "20"})


def test_quiz_join():
    session = make_session()
    _posted(reverse("quiz:join", args=[session.code]), {"nickname": "Ann"})
