"""Feedback on a campaign: a public form (honeypot, rate limit, errors that keep the input),
and quotes that coordinators pick, only with consent, for the public page."""

import pytest
from django.contrib.admin.sites import site as admin_site
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.campaign import services as campaign_services
from campaigns.models import Campaign, Feedback
from tests.campaigns.factories import CampaignFactory, FeedbackFactory

TEXT = "Het infopunt stond aan de ingang. Ouders vroegen er zelf naar!"


@pytest.fixture
def campaign(db):
    return CampaignFactory(slug="steek-een-poot-uit")


def url(campaign):
    return reverse("campaigns:feedback", args=[campaign.slug])


def data(**overrides):
    return {
        "author": "pupil",
        "text": TEXT,
        "signature": "  Leerling   4de jaar ",
        "consent_to_quote": "on",
        **overrides,
    }


def test_a_pupil_reacts_anonymously(client, campaign):
    response = client.post(url(campaign), data())

    assert response.status_code == 302  # post/redirect/get: a refresh sends nothing again
    assert response.url == url(campaign) + "?bedankt=1"
    html = client.get(response.url).content.decode()
    assert "Bedankt voor je reactie" in html
    assert "We hebben je reactie goed ontvangen. We lezen ze allemaal." in html
    assert "We hebben je reactie goed ontvangen" not in client.get(response.url).content.decode()
    feedback = Feedback.objects.get()
    assert (feedback.author, feedback.text, feedback.signature) == (
        "pupil",
        TEXT,
        "Leerling 4de jaar",
    )
    assert feedback.consent_to_quote and not feedback.is_quoted
    assert feedback.school is None


def test_a_school_contacts_reaction_is_linked_to_the_school(client, cast, campaign):
    client.force_login(cast["school_contact"])
    form = client.get(url(campaign)).context["form"]
    assert form["author"].value() == "teacher"  # a likely guess, the contact can change it

    client.post(url(campaign), data(author="teacher", consent_to_quote=""))

    feedback = Feedback.objects.get()
    assert feedback.school == cast["school"]
    assert not feedback.consent_to_quote


def test_bad_input_gets_a_dutch_message_and_keeps_what_was_typed(client, campaign):
    response = client.post(url(campaign), data(author="", text="ok"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies wie je bent." in html
    assert "Schrijf iets meer: je reactie is te kort." in html
    assert "Leerling 4de jaar" in html  # the signature is still there
    assert not Feedback.objects.exists()


def test_the_honeypot_thanks_a_bot_and_stores_nothing(client, campaign):
    response = client.post(url(campaign), data(website="http://spam.example"), follow=True)

    assert response.redirect_chain == [(url(campaign) + "?bedankt=1", 302)]
    assert "Bedankt voor je reactie" in response.content.decode()
    assert not Feedback.objects.exists()


def test_the_rate_limit_keeps_the_input(client, campaign, settings):
    settings.INBOX_RATE_LIMIT = "2/h"
    client.post(url(campaign), data())
    client.post(url(campaign), data())

    response = client.post(url(campaign), data(text="Mijn derde reactie blijft staan."))

    assert response.status_code == 429
    html = response.content.decode()
    assert "Even wachten" in html
    assert "Mijn derde reactie blijft staan." in html
    assert Feedback.objects.count() == 2


def test_no_feedback_on_a_draft(client, db):
    draft = CampaignFactory(status=Campaign.Status.DRAFT)
    assert client.get(url(draft)).status_code == 404
    assert client.post(url(draft), data()).status_code == 404
    assert not Feedback.objects.exists()


# --- Quotes -----------------------------------------------------------------------------------


def test_only_reactions_with_consent_can_be_quoted(campaign, cast):
    without = FeedbackFactory(campaign=campaign, consent_to_quote=False)
    with pytest.raises(ValidationError):
        campaign_services.set_feedback_quoted(
            feedback=without, quoted=True, actor=cast["coordinator"]
        )
    without.refresh_from_db()
    assert not without.is_quoted


def test_picked_quotes_show_on_the_campaign_page(client, campaign, cast):
    picked = FeedbackFactory(campaign=campaign, text="Zeer leuk materiaal!", signature="Leerling")
    FeedbackFactory(campaign=campaign, text="Nog niet gekozen.")
    campaign_services.set_feedback_quoted(feedback=picked, quoted=True, actor=cast["coordinator"])

    html = client.get(campaign.get_absolute_url()).content.decode()

    assert "Zeer leuk materiaal!" in html
    assert "— Leerling" in html
    assert "Nog niet gekozen." not in html

    campaign_services.set_feedback_quoted(feedback=picked, quoted=False, actor=cast["coordinator"])
    assert "Zeer leuk materiaal!" not in client.get(campaign.get_absolute_url()).content.decode()


def test_the_admin_action_picks_only_reactions_with_consent(client, campaign, cast, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    yes = FeedbackFactory(campaign=campaign, consent_to_quote=True)
    no = FeedbackFactory(campaign=campaign, consent_to_quote=False)
    client.force_login(cast["coordinator"])

    response = client.post(
        reverse("admin:campaigns_feedback_changelist"),
        {"action": "pick_quotes", "_selected_action": [yes.pk, no.pk]},
        follow=True,
    )

    html = response.content.decode()
    assert "1 reactie staat nu op de campagnepagina." in html
    assert "1 reactie kreeg geen toestemming" in html
    assert list(Feedback.objects.filter(is_quoted=True)) == [yes]
    assert not admin_site._registry[Feedback].has_add_permission(response.wsgi_request)


def test_the_admin_form_refuses_a_quote_without_consent(client, campaign, cast, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    feedback = FeedbackFactory(campaign=campaign, consent_to_quote=False)
    client.force_login(cast["coordinator"])
    url = reverse("admin:campaigns_feedback_change", args=[feedback.pk])

    response = client.post(url, {"signature": "Leerkracht hout", "is_quoted": "on"})

    assert response.status_code == 200
    assert "Zonder toestemming mag je deze reactie niet citeren." in response.content.decode()
    feedback.refresh_from_db()
    assert (feedback.is_quoted, feedback.signature) == (False, "")

    feedback.consent_to_quote = True
    feedback.save()
    response = client.post(url, {"signature": "Leerkracht hout", "is_quoted": "on"})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert (feedback.is_quoted, feedback.signature) == (True, "Leerkracht hout")
