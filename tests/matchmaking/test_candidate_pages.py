"""The coordinators' candidate pipeline: the list with hand-overs, handing a candidate over to
the providers nearby (mails through the outbox) and moving it along."""

import pytest
from django.urls import reverse

from matchmaking.models import CandidateCompany, CandidateReferral
from steunpunt.core.models import OutboxMessage
from tests.factories import (
    MembershipFactory,
    PersonFactory,
    PostcodeFactory,
    ProgrammeFactory,
    ProgrammeOfferFactory,
    SchoolFactory,
    SiteFactory,
)
from tests.matchmaking.factories import CandidateCompanyFactory, CandidateReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    roeselare = PostcodeFactory(
        code="8800", locality="Roeselare", latitude=50.9469, longitude=3.1227
    )
    izegem = PostcodeFactory(code="8870", locality="Izegem", latitude=50.9147, longitude=3.2137)
    brugge = PostcodeFactory(code="8000", locality="Brugge", latitude=51.2093, longitude=3.2247)
    electricity = ProgrammeFactory(name="Elektrische installaties duaal")
    near = SchoolFactory(name="VTI Roeselare")
    ProgrammeOfferFactory(
        site=SiteFactory(organisation=near, postcode=roeselare), programme=electricity
    )
    far = SchoolFactory(name="VTI Brugge")
    ProgrammeOfferFactory(
        site=SiteFactory(organisation=far, postcode=brugge), programme=electricity
    )
    other = SchoolFactory(name="Koksschool Izegem")
    ProgrammeOfferFactory(site=SiteFactory(organisation=other, postcode=izegem))
    MembershipFactory(organisation=near, person=PersonFactory(email="trajectbegeleider@vti.test"))
    candidate = CandidateCompanyFactory(company_name="Elektro Desmet BV", postcode=izegem)
    candidate.programmes.add(electricity)
    return {"candidate": candidate, "near": near, "far": far, "other": other}


def test_the_list_shows_the_pipeline_and_what_hand_overs_led_to(client, coordinator, world):
    recognised = CandidateCompanyFactory(
        company_name="Bakkerij Vermeulen", status=CandidateCompany.Status.RECOGNISED
    )
    CandidateReferralFactory(candidate=recognised)
    client.force_login(coordinator)
    response = client.get(reverse("matchmaking:candidate_list"))
    text = response.text
    assert "Elektro Desmet BV" in text and "Bakkerij Vermeulen" in text
    assert "1 doorgegeven kandidaat is intussen erkend." in text
    filtered = client.get(reverse("matchmaking:candidate_list"), {"status": "recognised"})
    assert "Elektro Desmet BV" not in filtered.text


def test_the_list_runs_a_bounded_number_of_queries(
    client, coordinator, world, django_assert_max_num_queries
):
    for _ in range(10):
        CandidateReferralFactory(candidate=CandidateCompanyFactory())
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        client.get(reverse("matchmaking:candidate_list"))


def test_the_providers_nearby_are_proposed_nearest_first(client, coordinator, world):
    client.force_login(coordinator)
    response = client.get(reverse("matchmaking:candidate_detail", args=[world["candidate"].uuid]))
    nearby = [p.organisation for p in response.context["nearby"]]
    assert nearby == [world["near"]]  # Brugge is 33 km away, Izegem's school has no such offer
    assert "VTI Roeselare – 7 km (Elektrische installaties duaal)" in response.text


def test_handing_over_records_the_referral_and_mails_the_contacts(client, coordinator, world):
    client.force_login(coordinator)
    candidate = world["candidate"]
    response = client.post(
        reverse("matchmaking:candidate_hand_over", args=[candidate.uuid]),
        {"providers": [world["near"].pk], "note": "Zoekt twee leerlingen."},
        follow=True,
    )
    assert "Doorgegeven aan 1 school/scholen; 1 contactpersonen krijgen een mail." in response.text
    referral = CandidateReferral.objects.get(candidate=candidate)
    assert list(referral.providers.all()) == [world["near"]]
    assert referral.referred_by == coordinator
    mail = OutboxMessage.objects.get()
    assert mail.recipient_email == "trajectbegeleider@vti.test"
    assert "Elektro Desmet BV" in mail.body_text


def test_a_provider_not_nearby_cannot_be_slipped_in(client, coordinator, world):
    client.force_login(coordinator)
    response = client.post(
        reverse("matchmaking:candidate_hand_over", args=[world["candidate"].uuid]),
        {"providers": [world["far"].pk]},
    )
    assert response.status_code == 400
    assert not CandidateReferral.objects.exists()


def test_choosing_nobody_is_explained(client, coordinator, world):
    client.force_login(coordinator)
    response = client.post(
        reverse("matchmaking:candidate_hand_over", args=[world["candidate"].uuid]),
        {"note": "Zonder scholen"},
    )
    assert "Kies minstens één opleidingsverstrekker." in response.text
    assert "Zonder scholen" in response.text


def test_moving_along_the_pipeline_and_refusals(client, coordinator, world):
    client.force_login(coordinator)
    candidate = world["candidate"]
    url = reverse("matchmaking:candidate_move", args=[candidate.uuid])
    client.post(url, {"action": "mark_contacted"})
    candidate.refresh_from_db()
    assert candidate.status == CandidateCompany.Status.CONTACTED
    response = client.post(url, {"action": "not_pursue", "reason": ""})
    assert response.status_code == 400
    client.post(url, {"action": "not_pursue", "reason": "Geen mentor beschikbaar."})
    candidate.refresh_from_db()
    assert candidate.status == CandidateCompany.Status.NOT_PURSUED
    closed = client.get(reverse("matchmaking:candidate_detail", args=[candidate.uuid]))
    assert "doorgeven kan niet meer" in closed.text


def test_the_portal_links_to_the_pipeline_for_coordinators_only(
    client, coordinator, company_contact
):
    client.force_login(coordinator)
    assert reverse("matchmaking:candidate_list") in client.get(reverse("core:my_portal")).text
    client.force_login(company_contact)
    page = client.get(reverse("core:my_portal")).text
    assert reverse("matchmaking:candidate_list") not in page
    assert reverse("matchmaking:company_workplaces") in page
