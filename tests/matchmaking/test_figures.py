"""Matchmaking figures in the core's registry, each checked against rows counted by hand, and
the programme page that shows the open workplaces near the visitor through the registry."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from matchmaking.models import Agreement, CandidateCompany, Recognition, Workplace
from steunpunt.core.figures import registry
from tests.factories import CompanyFactory, PostcodeFactory, ProgrammeFactory, SubregionFactory
from tests.matchmaking.factories import (
    AgreementFactory,
    CandidateCompanyFactory,
    CompanySiteFactory,
    RecognitionFactory,
    WorkplaceFactory,
)

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def places():
    midden = SubregionFactory(name="Midden-West-Vlaanderen", slug="midden-west-vlaanderen")
    zuid = SubregionFactory(name="Zuid-West-Vlaanderen", slug="zuid-west-vlaanderen")
    roeselare = PostcodeFactory(
        code="8800",
        locality="Roeselare",
        is_main_locality=True,
        municipality__name="Roeselare",
        municipality__subregion=midden,
        latitude=50.9469,
        longitude=3.1227,
    )
    kortrijk = PostcodeFactory(
        code="8500",
        locality="Kortrijk",
        is_main_locality=True,
        municipality__name="Kortrijk",
        municipality__subregion=zuid,
        latitude=50.8279,
        longitude=3.2649,
    )
    return {"midden": midden, "zuid": zuid, "roeselare": roeselare, "kortrijk": kortrijk}


def test_all_figures_are_registered():
    names = set(registry.names())
    assert {
        "matchmaking.open_workplaces",
        "matchmaking.candidate_companies",
        "matchmaking.recognised_companies",
        "matchmaking.recognised_sites",
        "matchmaking.agreements_running",
        "matchmaking.learners_searching",
        "matchmaking.company_recognised",
    } <= names


def test_company_recognised():
    electricity, bakery = ProgrammeFactory(), ProgrammeFactory()
    company = CompanyFactory()
    first, second = (
        CompanySiteFactory(organisation=company),
        CompanySiteFactory(organisation=company),
    )
    RecognitionFactory(site=first, programme=electricity)
    RecognitionFactory(site=second, programme=electricity)
    RecognitionFactory(
        site=second,
        programme=bakery,
        valid_from=today() - timedelta(days=400),
        valid_until=today() - timedelta(days=1),
    )
    RecognitionFactory(programme=electricity)  # another company

    def value(**filters):
        return registry.value("matchmaking.company_recognised", organisation=company, **filters)

    assert value(programme=electricity) == 2
    assert value(programme=bakery) == 0  # expired
    assert value() == 2


def test_learners_searching(places):
    from matchmaking.models import Learner
    from tests.matchmaking.factories import LearnerFactory, LearnerWishFactory

    electricity, hairdresser = ProgrammeFactory(), ProgrammeFactory()
    a = LearnerFactory(status=Learner.Status.SEARCHING, postcode=places["roeselare"])
    LearnerWishFactory(learner=a, programme=electricity, rank=1)
    LearnerWishFactory(learner=a, programme=hairdresser, rank=2)
    b = LearnerFactory(status=Learner.Status.SEARCHING, postcode=places["kortrijk"])
    LearnerWishFactory(learner=b, programme=electricity, rank=1)
    c = LearnerFactory(status=Learner.Status.RUNNING, postcode=places["roeselare"])
    LearnerWishFactory(learner=c, programme=electricity, rank=1)

    def value(**filters):
        return registry.value("matchmaking.learners_searching", **filters)

    assert value() == 2
    assert value(programme=electricity) == 2
    assert value(programme=hairdresser) == 1
    assert value(subregion=places["midden"], programme=electricity) == 1
    assert value(subregion=places["zuid"], programme=hairdresser) == 0


def test_open_workplaces(places):
    cook, nurse = ProgrammeFactory(name="Kok"), ProgrammeFactory(name="Zorgkundige")
    at_roeselare = CompanySiteFactory(postcode=places["roeselare"])
    at_kortrijk = CompanySiteFactory(postcode=places["kortrijk"])
    WorkplaceFactory(site=at_roeselare, programme=cook)
    WorkplaceFactory(site=at_kortrijk, programme=cook)
    WorkplaceFactory(site=at_kortrijk, programme=nurse)
    WorkplaceFactory(site=at_roeselare, programme=nurse, is_public=False)  # not counted
    WorkplaceFactory(site=at_roeselare, programme=cook, status=Workplace.Status.FULL)

    counted = [
        w
        for w in Workplace.objects.select_related("site__postcode")
        if w.is_public and w.status == Workplace.Status.OPEN
    ]
    assert registry.value("matchmaking.open_workplaces") == len(counted) == 3
    assert registry.value("matchmaking.open_workplaces", programme=cook) == 2
    assert registry.value("matchmaking.open_workplaces", subregion=places["zuid"]) == 2
    assert (
        registry.value("matchmaking.open_workplaces", programme=cook, subregion=places["midden"])
        == 1
    )
    # Near Roeselare: within 20 km by default (Kortrijk is ≈ 17 km), within 10 km only itself.
    assert registry.value("matchmaking.open_workplaces", near=places["roeselare"]) == 3
    assert registry.value("matchmaking.open_workplaces", near=(places["roeselare"], 10)) == 1


def test_candidate_companies(places):
    cook = ProgrammeFactory(name="Kok")
    first = CandidateCompanyFactory(postcode=places["roeselare"])
    first.programmes.add(cook)
    CandidateCompanyFactory(postcode=places["kortrijk"])
    CandidateCompanyFactory(postcode=places["kortrijk"], status=CandidateCompany.Status.CONTACTED)
    old = CandidateCompanyFactory(postcode=places["kortrijk"])
    CandidateCompany.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=100)
    )

    value = registry.value
    assert value("matchmaking.candidate_companies") == CandidateCompany.objects.count() == 4
    assert value("matchmaking.candidate_companies", status="new") == 3
    assert value("matchmaking.candidate_companies", status="contacted") == 1
    assert value("matchmaking.candidate_companies", subregion=places["zuid"]) == 3
    assert value("matchmaking.candidate_companies", programme=cook) == 1
    assert value("matchmaking.candidate_companies", moment=today() - timedelta(days=30)) == 1


def test_recognised_companies_and_sites(places):
    cook, nurse = ProgrammeFactory(name="Kok"), ProgrammeFactory(name="Zorgkundige")
    company = CompanyFactory()
    first = CompanySiteFactory(organisation=company, postcode=places["roeselare"])
    second = CompanySiteFactory(organisation=company, postcode=places["kortrijk"])
    RecognitionFactory(site=first, programme=cook)
    RecognitionFactory(site=first, programme=nurse)
    RecognitionFactory(site=second, programme=cook)
    other = CompanySiteFactory(postcode=places["kortrijk"])
    RecognitionFactory(site=other, programme=nurse, valid_from=today() + timedelta(days=10))
    RecognitionFactory(
        site=CompanySiteFactory(postcode=places["kortrijk"]),
        programme=cook,
        status=Recognition.Status.WITHDRAWN,
    )

    valid_today = [r for r in Recognition.objects.all() if r.is_valid_on(today())]
    assert registry.value("matchmaking.recognised_companies") == len(
        {r.site.organisation_id for r in valid_today}
    )
    assert registry.value("matchmaking.recognised_companies") == 1
    assert registry.value("matchmaking.recognised_sites") == len({r.site_id for r in valid_today})
    assert registry.value("matchmaking.recognised_sites") == 2
    assert registry.value("matchmaking.recognised_sites", subregion=places["zuid"]) == 1
    assert registry.value("matchmaking.recognised_sites", programme=nurse) == 1
    later = today() + timedelta(days=20)
    assert registry.value("matchmaking.recognised_companies", moment=later) == 2
    assert registry.value("matchmaking.recognised_sites", programme=nurse, moment=later) == 2


def test_agreements_running(places):
    cook = ProgrammeFactory(name="Kok")
    site = CompanySiteFactory(postcode=places["roeselare"])
    AgreementFactory(workplace=WorkplaceFactory(site=site, programme=cook))
    AgreementFactory(
        workplace=WorkplaceFactory(site=CompanySiteFactory(postcode=places["kortrijk"])),
        status=Agreement.Status.RUNNING,
    )
    AgreementFactory(start_date=today() + timedelta(days=14))  # not started yet
    AgreementFactory(
        start_date=today() - timedelta(days=60),
        end_date=today() - timedelta(days=1),
        status=Agreement.Status.ENDED,
        end_reason="Stopgezet",
    )

    current = [
        a
        for a in Agreement.objects.all()
        if a.start_date <= today() and (a.end_date is None or a.end_date >= today())
    ]
    assert registry.value("matchmaking.agreements_running") == len(current) == 2
    assert registry.value("matchmaking.agreements_running", subregion=places["midden"]) == 1
    assert registry.value("matchmaking.agreements_running", programme=cook) == 1
    assert (
        registry.value("matchmaking.agreements_running", moment=today() - timedelta(days=30)) == 1
    )


# --- The programme page -------------------------------------------------------------------------


def test_programme_page_shows_open_workplaces_near_the_postcode(client, places):
    cook = ProgrammeFactory(name="Kok duaal")
    WorkplaceFactory(site=CompanySiteFactory(postcode=places["roeselare"]), programme=cook)
    WorkplaceFactory(site=CompanySiteFactory(postcode=places["kortrijk"]), programme=cook)
    url = reverse("core:programme_detail", kwargs={"slug": cook.slug})

    html = client.get(url).content.decode()
    assert "2 vrije leerwerkplekken bij erkende ondernemingen in West-Vlaanderen." in html
    assert f'href="/leerwerkplekken/?programme={cook.slug}"' in html

    html = client.get(url, {"postcode": "8800"}).content.decode()
    assert "2 vrije leerwerkplekken bij erkende ondernemingen binnen 20 km van 8800" in html
    assert f"/leerwerkplekken/?programme={cook.slug}&amp;postcode=8800&amp;km=20" in html


def test_programme_page_without_workplaces_says_so(client, places):
    programme = ProgrammeFactory(name="Hoefsmid duaal")
    url = reverse("core:programme_detail", kwargs={"slug": programme.slug})
    html = client.get(url).content.decode()
    assert "Er staat nu geen vrije leerwerkplek online voor deze opleiding." in html
    html = client.get(url, {"postcode": "8500"}).content.decode()
    assert "Binnen 20 km van 8500 Kortrijk staat nu geen vrije leerwerkplek online" in html
