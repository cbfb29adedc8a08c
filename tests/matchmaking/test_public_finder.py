"""The public workplace finder /leerwerkplekken/: what is shown, filters, distances, empty
state, query counts, the workplace page, the sitemap and the navigation link."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from matchmaking.models import Agreement, Recognition, Workplace
from tests.factories import (
    MembershipFactory,
    PersonFactory,
    PostcodeFactory,
    ProgrammeFactory,
    StudyDomainFactory,
    SubregionFactory,
)
from tests.matchmaking.factories import AgreementFactory, CompanySiteFactory, WorkplaceFactory

pytestmark = pytest.mark.django_db

LIST = reverse("workplaces:list")


@pytest.fixture
def geo():
    """Three real West-Vlaamse places: Roeselare, Kortrijk (≈ 20 km) and Brugge (≈ 30 km)."""
    midden = SubregionFactory(name="Midden-West-Vlaanderen", slug="midden-west-vlaanderen")
    zuid = SubregionFactory(name="Zuid-West-Vlaanderen", slug="zuid-west-vlaanderen")
    brugge = SubregionFactory(name="Brugge", slug="brugge")
    return {
        "roeselare": PostcodeFactory(
            code="8800",
            locality="Roeselare",
            is_main_locality=True,
            municipality__name="Roeselare",
            municipality__subregion=midden,
            latitude=50.9469,
            longitude=3.1227,
        ),
        "kortrijk": PostcodeFactory(
            code="8500",
            locality="Kortrijk",
            is_main_locality=True,
            municipality__name="Kortrijk",
            municipality__subregion=zuid,
            latitude=50.8279,
            longitude=3.2649,
        ),
        "brugge": PostcodeFactory(
            code="8000",
            locality="Brugge",
            is_main_locality=True,
            municipality__name="Brugge",
            municipality__subregion=brugge,
            latitude=51.2093,
            longitude=3.2247,
        ),
        "midden": midden,
        "zuid": zuid,
        "brugge_region": brugge,
    }


def workplace_at(postcode, *, company="Elektro Vanneste BV", programme=None, **kwargs):
    site = CompanySiteFactory(postcode=postcode, organisation__name=company)
    return WorkplaceFactory(site=site, programme=programme or ProgrammeFactory(), **kwargs)


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_lists_public_workplaces_without_personal_data(client, geo):
    programme = ProgrammeFactory(name="Elektrische installaties duaal")
    workplace = workplace_at(
        geo["roeselare"], programme=programme, places=3, start_date=timezone.localdate()
    )
    # A mentor of the recognition and a contact of the company: never on the public page.
    mentor = PersonFactory(first_name="Mentornaam", last_name="Geheim", email="mentor@geheim.test")
    Recognition.objects.get(site=workplace.site, programme=programme).mentors.add(mentor)
    MembershipFactory(person=mentor, organisation=workplace.site.organisation)
    AgreementFactory(workplace=workplace)

    html = html_of(client.get(LIST))
    assert "1 leerwerkplek gevonden" in html
    assert "Elektrische installaties duaal" in html
    assert "Elektro Vanneste BV" in html
    assert "Roeselare" in html
    assert "2 plaatsen" in html  # 3 places, 1 taken by a signed agreement
    assert timezone.localdate().strftime("%d/%m/%Y") in html
    assert reverse("workplaces:detail", kwargs={"uuid": workplace.uuid}) in html
    for private in ("Mentornaam", "mentor@geheim.test", workplace.site.street):
        assert private not in html


def test_hides_what_is_not_public_open_free_and_recognised(client, geo):
    shown = workplace_at(geo["roeselare"], company="Zichtbaar BV")
    workplace_at(geo["roeselare"], company="Niet publiek BV", is_public=False)
    workplace_at(geo["roeselare"], company="Volzet BV", status=Workplace.Status.FULL)
    workplace_at(geo["roeselare"], company="Gesloten BV", status=Workplace.Status.CLOSED)
    taken = workplace_at(geo["roeselare"], company="Alles bezet BV", places=1)
    AgreementFactory(workplace=taken)
    lapsed = workplace_at(geo["roeselare"], company="Erkenning verlopen BV")
    Recognition.objects.filter(site=lapsed.site).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    inactive = workplace_at(geo["roeselare"], company="Gestopt BV")
    inactive.site.organisation.active = False
    inactive.site.organisation.save()
    ended = workplace_at(geo["roeselare"], company="Vrijgekomen BV", places=1)
    AgreementFactory(
        workplace=ended,
        status=Agreement.Status.ENDED,
        end_date=timezone.localdate(),
        end_reason="Van opleiding veranderd",
    )

    html = html_of(client.get(LIST))
    assert "2 leerwerkplekken gevonden" in html
    assert "Zichtbaar BV" in html and "Vrijgekomen BV" in html
    for hidden in (
        "Niet publiek BV",
        "Volzet BV",
        "Gesloten BV",
        "Alles bezet BV",
        "Erkenning verlopen BV",
        "Gestopt BV",
    ):
        assert hidden not in html
    assert client.get(reverse("workplaces:detail", kwargs={"uuid": taken.uuid})).status_code == 404
    assert client.get(reverse("workplaces:detail", kwargs={"uuid": shown.uuid})).status_code == 200


def test_filters_on_programme_study_domain_and_subregion(client, geo):
    care = StudyDomainFactory(code=7, name="Zorg")
    cook = ProgrammeFactory(
        name="Kok duaal", study_domain=StudyDomainFactory(code=9, name="Horeca")
    )
    nurse = ProgrammeFactory(name="Zorgkundige duaal", study_domain=care)
    workplace_at(geo["roeselare"], company="Restaurant Roeselare", programme=cook)
    workplace_at(geo["kortrijk"], company="Restaurant Kortrijk", programme=cook)
    workplace_at(geo["roeselare"], company="Woonzorgcentrum", programme=nurse)

    html = html_of(client.get(LIST, {"programme": cook.slug}))
    assert "Restaurant Roeselare" in html and "Restaurant Kortrijk" in html
    assert "Woonzorgcentrum" not in html
    assert f'value="{cook.slug}" selected' in html  # the filter stays in the form

    html = html_of(client.get(LIST, {"study_domain": care.pk}))
    assert "Woonzorgcentrum" in html and "Restaurant" not in html

    html = html_of(client.get(LIST, {"programme": cook.slug, "subregion": "zuid-west-vlaanderen"}))
    assert "Restaurant Kortrijk" in html and "Restaurant Roeselare" not in html


def test_near_a_postcode_sorts_by_distance_and_respects_the_radius(client, geo):
    workplace_at(geo["brugge"], company="Bedrijf Brugge")
    workplace_at(geo["roeselare"], company="Bedrijf Roeselare")
    workplace_at(geo["kortrijk"], company="Bedrijf Kortrijk")

    html = html_of(client.get(LIST, {"postcode": "8800"}))
    assert "3 leerwerkplekken gevonden" in html
    assert (
        html.index("Bedrijf Roeselare")
        < html.index("Bedrijf Kortrijk")
        < html.index("Bedrijf Brugge")
    )
    assert "minder dan 1 km" in html and "17 km" in html and "30 km" in html

    html = html_of(client.get(LIST, {"postcode": "8800", "km": "20"}))
    assert "2 leerwerkplekken gevonden" in html
    assert "Bedrijf Brugge" not in html


def test_unknown_postcode_gets_a_dutch_message(client, geo):
    html = html_of(client.get(LIST, {"postcode": "1234"}))
    assert "Postcode 1234 kennen we niet" in html


def test_empty_state_suggests_a_wider_distance(client, geo):
    workplace_at(geo["brugge"], company="Bedrijf Brugge")
    html = html_of(client.get(LIST, {"postcode": "8800", "km": "10"}))
    assert "0 leerwerkplekken gevonden" in html
    assert "De dichtstbijzijnde vrije leerwerkplek is op 30 km, in Brugge." in html
    assert "Zoek binnen 50 km" in html
    assert "km=50" in html


def test_empty_state_suggests_other_subregions(client, geo):
    programme = ProgrammeFactory(name="Kapper-stylist duaal")
    workplace_at(geo["kortrijk"], company="Kapsalon Kortrijk", programme=programme)
    workplace_at(geo["brugge"], company="Kapsalon Brugge", programme=programme)
    html = html_of(
        client.get(LIST, {"programme": programme.slug, "subregion": "midden-west-vlaanderen"})
    )
    assert "Niets in Midden-West-Vlaanderen. In een andere regio wel:" in html
    assert "subregion=zuid-west-vlaanderen" in html and "subregion=brugge" in html
    assert "Kapsalon" not in html


def test_empty_finder_says_so(client, geo):
    html = html_of(client.get(LIST))
    assert "Op dit moment staan er geen vrije leerwerkplekken online." in html


def test_list_paginates_with_a_bounded_number_of_queries(
    client, geo, django_assert_max_num_queries
):
    for n in range(23):
        workplace_at(geo["roeselare"], company=f"Bedrijf {n:02d}")
    # Programme choices, study domains, subregions (the form), count, one page of rows.
    with django_assert_max_num_queries(6):
        html = html_of(client.get(LIST))
    assert "23 leerwerkplekken gevonden" in html
    assert html.count('class="card mb-3"') == 20
    assert "page=2" in html
    html = html_of(client.get(LIST, {"page": 2}))
    assert html.count('class="card mb-3"') == 3
    # Near a postcode: + the postcode, the (pk, coordinates) rows, one page by pk.
    with django_assert_max_num_queries(7):
        html = html_of(client.get(LIST, {"postcode": "8800", "km": "10"}))
    assert "23 leerwerkplekken gevonden" in html


def test_detail_page_shows_the_workplace_and_the_question_form(client, geo):
    programme = ProgrammeFactory(name="Schilder-decorateur duaal")
    workplace = workplace_at(
        geo["kortrijk"],
        company="Schilderwerken Decock",
        programme=programme,
        places=2,
        hours_per_week=24,
        description="Binnen- en buitenschilderwerk.",
    )
    html = html_of(client.get(reverse("workplaces:detail", kwargs={"uuid": workplace.uuid})))
    assert "<h1>Schilder-decorateur duaal</h1>" in html
    assert "Leerwerkplek bij Schilderwerken Decock in Kortrijk" in html
    assert "2 van 2 plaatsen vrij" in html
    assert "Binnen- en buitenschilderwerk." in html
    assert "Zuid-West-Vlaanderen" in html
    assert "Interesse? Vraag het aan het Steunpunt" in html
    assert reverse("workplaces:interest", kwargs={"uuid": workplace.uuid}) in html
    assert reverse("core:programme_detail", kwargs={"slug": programme.slug}) in html
    assert workplace.site.street not in html


def test_detail_of_a_closed_workplace_is_404(client, geo):
    workplace = workplace_at(geo["kortrijk"], status=Workplace.Status.CLOSED)
    url = reverse("workplaces:detail", kwargs={"uuid": workplace.uuid})
    assert client.get(url).status_code == 404


def test_sitemap_lists_the_finder_and_public_workplaces(client, geo):
    shown = workplace_at(geo["roeselare"])
    hidden = workplace_at(geo["roeselare"], is_public=False)
    xml = client.get(reverse("sitemap")).content.decode()
    assert "/leerwerkplekken/</loc>" in xml
    assert "/leerwerkplekken/word-leerwerkplek/</loc>" in xml
    assert f"/leerwerkplekken/{shown.uuid}/</loc>" in xml
    assert str(hidden.uuid) not in xml


def test_site_navigation_links_to_the_finder(client):
    html = html_of(client.get(reverse("core:home")))
    assert f'href="{LIST}"' in html
    assert ">Leerwerkplekken<" in html
