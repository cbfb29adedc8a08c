"""The public forms of matchmaking: "Interesse?" on a workplace (a question in the inbox with
the workplace attached) and "Word leerwerkplek" (a candidate company, two mails)."""

import pytest
from django.urls import reverse

from matchmaking.models import CandidateCompany
from steunpunt.core.models import OutboxMessage
from steunpunt.inbox.models import Question
from tests.factories import PostcodeFactory, ProgrammeFactory, SubregionFactory
from tests.matchmaking.factories import CompanySiteFactory, WorkplaceFactory

pytestmark = pytest.mark.django_db

BECOME = reverse("workplaces:become_workplace")


@pytest.fixture
def roeselare():
    midden = SubregionFactory(name="Midden-West-Vlaanderen", slug="midden-west-vlaanderen")
    return PostcodeFactory(
        code="8800",
        locality="Roeselare",
        is_main_locality=True,
        municipality__name="Roeselare",
        municipality__subregion=midden,
        latitude=50.9469,
        longitude=3.1227,
    )


@pytest.fixture
def workplace(roeselare):
    site = CompanySiteFactory(postcode=roeselare, organisation__name="Elektro Vanneste BV")
    return WorkplaceFactory(
        site=site, programme=ProgrammeFactory(name="Elektrische installaties duaal")
    )


def interest_data(**overrides):
    data = {
        "audience": "ouder",
        "text": "Kan mijn dochter hier in september starten?",
        "name": "Els Vandamme",
        "email": "els@voorbeeld.test",
        "phone": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def candidate_data(**overrides):
    data = {
        "company_name": "Bakkerij Vermeulen",
        "enterprise_number": "BE 0403.170.701",
        "site_postcode": "8800",
        "sector": "Voeding",
        "programmes": [],
        "contact_first_name": "Griet",
        "contact_last_name": "Vermeulen",
        "contact_function": "zaakvoerder",
        "email": "griet@bakkerij.test",
        "phone": "051 20 30 40",
        "message": "We kunnen in september iemand opleiden.",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


# --- Interest in a workplace -------------------------------------------------------------------


def test_interest_files_a_question_about_the_workplace(client, workplace, roeselare):
    url = reverse("workplaces:interest", kwargs={"uuid": workplace.uuid})
    response = client.post(url, interest_data())
    question = Question.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("inbox:thanks", kwargs={"uuid": question.uuid})
    assert question.about == workplace
    assert question.about_label == (
        "Leerwerkplek Elektrische installaties duaal bij Elektro Vanneste BV in Roeselare"
    )
    assert question.about_url == reverse("admin:matchmaking_workplace_change", args=[workplace.pk])
    assert question.subregion == roeselare.subregion
    assert question.audience == "ouder"
    assert question.text == "Kan mijn dochter hier in september starten?"


def test_coordinator_sees_the_workplace_link_on_the_question(client, workplace, coordinator):
    client.post(reverse("workplaces:interest", kwargs={"uuid": workplace.uuid}), interest_data())
    question = Question.objects.get()
    client.force_login(coordinator)
    html = client.get(question.get_absolute_url()).content.decode()
    admin_url = reverse("admin:matchmaking_workplace_change", args=[workplace.pk])
    assert f'<a href="{admin_url}">Leerwerkplek Elektrische installaties duaal' in html


def test_interest_needs_email_or_phone_and_keeps_the_input(client, workplace):
    url = reverse("workplaces:interest", kwargs={"uuid": workplace.uuid})
    response = client.post(url, interest_data(email="", consent=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul je e-mailadres of je telefoonnummer in." in html
    assert "Zonder je toestemming mogen we je vraag niet behandelen." in html
    assert "Kan mijn dochter hier in september starten?" in html
    assert "Elektro Vanneste BV" in html  # still the workplace's page
    assert not Question.objects.exists()


def test_interest_honeypot_stores_nothing(client, workplace):
    url = reverse("workplaces:interest", kwargs={"uuid": workplace.uuid})
    response = client.post(url, interest_data(website="http://spam.test"))
    assert response.status_code == 302
    assert not Question.objects.exists()


def test_interest_in_a_hidden_workplace_is_404(client, workplace):
    workplace.is_public = False
    workplace.save()
    url = reverse("workplaces:interest", kwargs={"uuid": workplace.uuid})
    assert client.post(url, interest_data()).status_code == 404
    assert not Question.objects.exists()


def test_interest_is_rate_limited_and_keeps_the_input(client, workplace, settings):
    settings.INBOX_RATE_LIMIT = "1/h"
    url = reverse("workplaces:interest", kwargs={"uuid": workplace.uuid})
    assert client.post(url, interest_data()).status_code == 302
    response = client.post(url, interest_data(text="Mijn tweede vraag over deze plek"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Even wachten" in html
    assert "Mijn tweede vraag over deze plek" in html
    assert Question.objects.count() == 1


# --- Word leerwerkplek --------------------------------------------------------------------------


def test_become_workplace_registers_a_candidate_and_mails(
    client, roeselare, coordinator, django_capture_on_commit_callbacks
):
    programme = ProgrammeFactory(name="Bakker duaal")
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(BECOME, candidate_data(programmes=[programme.pk]))
    assert response.status_code == 302
    assert response.url == reverse("workplaces:become_workplace_thanks")
    candidate = CandidateCompany.objects.get()
    assert candidate.company_name == "Bakkerij Vermeulen"
    assert candidate.enterprise_number == "0403170701"
    assert candidate.postcode == roeselare
    assert candidate.status == CandidateCompany.Status.NEW
    assert candidate.consent_given_at is not None
    assert list(candidate.programmes.all()) == [programme]

    acknowledgement = OutboxMessage.objects.get(recipient_email="griet@bakkerij.test")
    assert acknowledgement.subject == "We ontvingen je aanmelding als leerwerkplek"
    assert "Dag Griet," in acknowledgement.body_text
    assert "Bakker duaal" in acknowledgement.body_text
    notification = OutboxMessage.objects.get(recipient_email=coordinator.email)
    assert notification.subject == "Nieuwe kandidaat-leerwerkplek: Bakkerij Vermeulen"
    assert "griet@bakkerij.test" in notification.body_text
    admin_url = reverse("admin:matchmaking_candidatecompany_change", args=[candidate.pk])
    assert admin_url in notification.body_text
    assert OutboxMessage.objects.count() == 2

    html = client.get(response.url).content.decode()
    assert "Bedankt voor je aanmelding" in html


def test_without_coordinators_the_steunpunt_address_is_notified(client, roeselare, settings):
    client.post(BECOME, candidate_data())
    assert OutboxMessage.objects.filter(recipient_email=settings.PORTAL_CONTACT_EMAIL).exists()


def test_become_workplace_refuses_a_wrong_enterprise_number_keeping_the_input(client, roeselare):
    response = client.post(BECOME, candidate_data(enterprise_number="0403.170.702"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit ondernemingsnummer bestaat niet: de controlecijfers kloppen niet." in html
    assert 'value="Bakkerij Vermeulen"' in html
    assert not CandidateCompany.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_become_workplace_refuses_unknown_postcode_and_missing_consent(client, roeselare):
    response = client.post(BECOME, candidate_data(site_postcode="1234", consent=""))
    html = response.content.decode()
    assert "Postcode 1234 kennen we niet." in html
    assert "Zonder je toestemming kunnen we je niet contacteren." in html
    assert not CandidateCompany.objects.exists()


def test_become_workplace_is_rate_limited(client, roeselare, settings):
    settings.INBOX_RATE_LIMIT = "1/h"
    assert client.post(BECOME, candidate_data()).status_code == 302
    response = client.post(BECOME, candidate_data(company_name="Slagerij Tweede"))
    assert response.status_code == 429
    assert 'value="Slagerij Tweede"' in response.content.decode()
    assert CandidateCompany.objects.count() == 1


def test_become_workplace_honeypot_stores_nothing(client, roeselare):
    response = client.post(BECOME, candidate_data(website="http://spam.test"))
    assert response.status_code == 302
    assert not CandidateCompany.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_become_workplace_page_explains_the_steps(client):
    html = client.get(BECOME).content.decode()
    assert "<h1>Word leerwerkplek</h1>" in html
    assert "Hoe gaat het verder?" in html
    assert 'name="enterprise_number"' in html
