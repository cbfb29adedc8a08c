"""The public programme finder, programme pages and provider pages."""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from steunpunt.core.models import Organisation, Programme, distance_km
from tests.factories import (
    CompanyFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PostcodeFactory,
    ProgrammeFactory,
    ProgrammeOfferFactory,
    SchoolFactory,
    SiteFactory,
    StudyDomainFactory,
    SubregionFactory,
)

pytestmark = pytest.mark.django_db

FINDER = reverse("core:programme_list")
# (code, locality, latitude, longitude, subregion slug)
TOWNS = {
    "8500": ("Kortrijk", 50.8279, 3.2650, "zuid-west-vlaanderen"),
    "8930": ("Menen", 50.7960, 3.1220, "zuid-west-vlaanderen"),
    "8800": ("Roeselare", 50.9465, 3.1227, "midden-west-vlaanderen"),
    "8400": ("Oostende", 51.2154, 2.9286, "kust"),
    "8430": ("Middelkerke", 51.1850, 2.8200, "kust"),
    "8900": ("Ieper", 50.8512, 2.8857, "westhoek"),
    "8000": ("Brugge", 51.2093, 3.2247, "brugge"),
}
REGION_NAMES = {
    "zuid-west-vlaanderen": "Zuid-West-Vlaanderen",
    "midden-west-vlaanderen": "Midden-West-Vlaanderen",
    "kust": "Kust",
    "westhoek": "Westhoek",
    "brugge": "Brugge",
}


@pytest.fixture(autouse=True)
def fresh_cache():
    """Anonymous pages are cached: every test starts from an empty cache."""
    cache.clear()
    yield
    cache.clear()


def postcode(code):
    locality, lat, lon, region = TOWNS[code]
    subregion = SubregionFactory(slug=region, name=REGION_NAMES[region])
    municipality = MunicipalityFactory(
        nis_code=f"3{code}", name=locality, subregion=subregion, latitude=lat, longitude=lon
    )
    return PostcodeFactory(
        code=code,
        locality=locality,
        is_main_locality=True,
        latitude=lat,
        longitude=lon,
        municipality=municipality,
        subregion=subregion,
    )


def offer(programme, code, provider=None, **site_kwargs):
    site = SiteFactory(
        organisation=provider or SchoolFactory(), postcode=postcode(code), **site_kwargs
    )
    return ProgrammeOfferFactory(programme=programme, site=site)


def names(response) -> list[str]:
    return [hit.programme.name for hit in response.context["hits"]]


def text(response) -> str:
    html = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.split())


# --- Filters ---------------------------------------------------------------------------------


def test_the_finder_lists_active_programmes_only(client):
    ProgrammeFactory(name="Kok duaal")
    ProgrammeFactory(name="Oude opleiding duaal", active=False)
    assert names(client.get(FINDER)) == ["Kok duaal"]


def test_each_filter_narrows_the_list(client):
    stem = StudyDomainFactory(code=2, name="STEM")
    care = StudyDomainFactory(code=6, name="Maatschappij en welzijn")
    electrician = ProgrammeFactory(
        name="Elektrische installaties duaal",
        study_domain=stem,
        grade=Programme.Grade.THIRD,
        finality=Programme.Finality.LABOUR_MARKET,
        education_form=Programme.EducationForm.BSO,
        segment=Programme.Segment.SECONDARY,
    )
    carer = ProgrammeFactory(
        name="Zorgkundige duaal",
        study_domain=care,
        grade=Programme.Grade.SECOND,
        finality=Programme.Finality.DOUBLE,
        education_form=Programme.EducationForm.TSO,
        segment=Programme.Segment.SECONDARY,
    )
    buso = ProgrammeFactory(
        name="Logistiek assistent duaal",
        study_domain=stem,
        grade=Programme.Grade.NONE,
        finality=Programme.Finality.NONE,
        education_form=Programme.EducationForm.BUSO_OV3,
        segment=Programme.Segment.BUSO,
        is_buso=True,
    )
    seventh = ProgrammeFactory(
        name="Elektrotechnicus duaal",
        study_domain=stem,
        education_form=Programme.EducationForm.SEVENTH,
        segment=Programme.Segment.SEVENTH_YEAR,
    )
    offer(electrician, "8500")
    offer(carer, "8400")
    syntra = OrganisationFactory(name="Syntra West", kind=Organisation.Kind.SYNTRA)
    offer(buso, "8900", provider=syntra)

    cases = {
        f"study_domain={care.pk}": ["Zorgkundige duaal"],
        "grade=2": ["Zorgkundige duaal"],
        "finality=dubbel": ["Zorgkundige duaal"],
        "finality=arbeidsmarkt": ["Elektrische installaties duaal", "Elektrotechnicus duaal"],
        "education_form=OV3": ["Logistiek assistent duaal"],
        "education_form=TSO": ["Zorgkundige duaal"],
        "segment=7de": ["Elektrotechnicus duaal"],
        "segment=buso": ["Logistiek assistent duaal"],
        "subregion=kust": ["Zorgkundige duaal"],
        "subregion=zuid-west-vlaanderen": ["Elektrische installaties duaal"],
        "provider_kind=syntra": ["Logistiek assistent duaal"],
        "provider_kind=school": ["Elektrische installaties duaal", "Zorgkundige duaal"],
        "provider_kind=school&subregion=westhoek": [],
        f"study_domain={stem.pk}&grade=3": [
            "Elektrische installaties duaal",
            "Elektrotechnicus duaal",
        ],
    }
    for query, expected in cases.items():
        assert names(client.get(f"{FINDER}?{query}")) == expected, query
    assert seventh  # listed without any offer (not filtered on a place)


def test_company_sites_do_not_count_as_an_offer(client):
    programme = ProgrammeFactory(name="Kok duaal")
    offer(programme, "8400", provider=CompanyFactory())  # bad data: not a provider
    assert names(client.get(f"{FINDER}?subregion=kust")) == []


@pytest.mark.parametrize(
    "query, expected",
    [
        ("kapper", ["Kapper-stylist duaal"]),
        ("KAPPER", ["Kapper-stylist duaal"]),
        ("stylist kapper", ["Kapper-stylist duaal"]),
        ("electric", ["Électricien duaal"]),
        ("élec", ["Électricien duaal"]),
        ("  Électricien  ", ["Électricien duaal"]),
        ("1096", ["Elektrische installaties duaal"]),
        ("bakker", []),
    ],
)
def test_search_ignores_case_and_accents(client, query, expected):
    ProgrammeFactory(name="Kapper-stylist duaal")
    ProgrammeFactory(name="Électricien duaal")
    ProgrammeFactory(name="Elektrische installaties duaal", code="1096")
    assert names(client.get(FINDER, {"q": query})) == expected


# --- Postcode and distance -------------------------------------------------------------------


def test_postcode_radius_keeps_nearby_programmes_sorted_by_distance(client):
    kortrijk, menen, roeselare, oostende = (
        ProgrammeFactory(name=name)
        for name in ("Z in Kortrijk", "A in Menen", "M in Roeselare", "B in Oostende")
    )
    offer(kortrijk, "8500")
    offer(menen, "8930")
    offer(roeselare, "8800")
    offer(oostende, "8400")
    origin = TOWNS["8500"]

    response = client.get(FINDER, {"postcode": "8500", "km": "20"})

    assert names(response) == ["Z in Kortrijk", "A in Menen", "M in Roeselare"]
    distances = [hit.nearest.distance for hit in response.context["hits"]]
    assert distances == sorted(distances)
    for code in ("8930", "8800"):
        km = round(distance_km(origin[1], origin[2], TOWNS[code][1], TOWNS[code][2]))
        assert f"{km} km" in text(response)
    assert round(distances[1]) == 11 and round(distances[2]) == 17
    assert "3 opleidingen binnen 20 km van 8500 Kortrijk" in text(response)

    # A smaller radius drops the farther ones; no radius sorts the whole province.
    assert names(client.get(FINDER, {"postcode": "8500", "km": "12"})) == [
        "Z in Kortrijk",
        "A in Menen",
    ]
    assert names(client.get(FINDER, {"postcode": "8500"}))[-1] == "B in Oostende"
    # The programme links carry the postcode, so the programme page shows distances too.
    assert f'href="/opleidingen/{kortrijk.slug}/?postcode=8500"' in response.content.decode()


def test_the_nearest_site_of_a_programme_decides_its_place(client):
    near_far = ProgrammeFactory(name="Twee plaatsen duaal")
    middle = ProgrammeFactory(name="Een plaats duaal")
    offer(near_far, "8400")
    offer(near_far, "8930")
    offer(middle, "8800")
    postcode("8500")
    response = client.get(FINDER, {"postcode": "8500", "km": "100"})
    assert names(response) == ["Twee plaatsen duaal", "Een plaats duaal"]
    assert response.context["hits"][0].nearest.locality == "Menen"


def test_unknown_postcode_says_so_next_to_the_field_and_keeps_the_input(client):
    ProgrammeFactory(name="Kapper-stylist duaal")
    ProgrammeFactory(name="Kok duaal")
    response = client.get(FINDER, {"postcode": "9999", "km": "15", "q": "kapper"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Postcode 9999 kennen we niet" in html
    assert 'aria-describedby="id_postcode_error"' in html and 'aria-invalid="true"' in html
    assert 'value="9999"' in html and 'value="15"' in html and 'value="kapper"' in html
    # The other filters still work.
    assert names(response) == ["Kapper-stylist duaal"]

    html = client.get(FINDER, {"postcode": "85"}).content.decode()
    assert "Typ een postcode van 4 cijfers" in html
    html = client.get(FINDER, {"km": "10"}).content.decode()
    assert "Vul ook je postcode in" in html


def test_journey_electrical_installations_within_15_km_of_kortrijk(client):
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", scale="small", force=True, verbosity=0)

    response = client.get(FINDER, {"q": "Elektrische installaties", "postcode": "8500", "km": "15"})

    hits = response.context["hits"]
    assert [hit.programme.name for hit in hits] == ["Elektrische installaties duaal"]
    places = hits[0].places
    assert places and all(place.distance <= 15 for place in places)
    assert [p.distance for p in places] == sorted(p.distance for p in places)
    assert places[0].locality == "Kortrijk"
    assert "1 opleiding binnen 15 km van 8500 Kortrijk" in text(response)

    # On the programme page the offer near Roeselare is listed too, farther down.
    detail = client.get(
        hits[0].programme and f"/opleidingen/{hits[0].programme.slug}/?postcode=8500"
    )
    localities = [place.locality for place in detail.context["places"]]
    assert localities[0] == "Kortrijk" and "Roeselare" in localities
    distances = [place.distance for place in detail.context["places"]]
    assert distances == sorted(distances)


# --- Empty states ----------------------------------------------------------------------------


def test_empty_subregion_points_to_other_subregions_and_the_nearest_offer(client):
    programme = ProgrammeFactory(name="Kok duaal")
    for _ in range(3):
        offer(programme, "8400")  # three providers at the coast
    offer(programme, "8430", provider=SchoolFactory(name="Hotelschool Middelkerke"))
    offer(programme, "8000")
    postcode("8900")  # Westhoek exists, without any offer

    response = client.get(FINDER, {"q": "kok", "subregion": "westhoek", "postcode": "8900"})

    assert names(response) == []
    nearest = min(
        distance_km(*TOWNS["8900"][1:3], *TOWNS[code][1:3]) for code in ("8400", "8430", "8000")
    )
    assert (
        f"Nog geen aanbieder in Westhoek — 4 in Kust, 1 in Brugge, "
        f"dichtstbijzijnde op {round(nearest)} km"
    ) in text(response)
    assert "Toon het aanbod in heel West-Vlaanderen" in text(response)
    assert 'href="?q=kok&amp;postcode=8900"' in response.content.decode()


def test_empty_radius_offers_a_wider_search(client):
    offer(ProgrammeFactory(name="Kok duaal"), "8800")
    postcode("8500")
    response = client.get(FINDER, {"q": "kok", "postcode": "8500", "km": "5"})
    page = text(response)
    assert "Binnen 5 km van 8500 Kortrijk vinden we deze opleiding niet" in page
    assert "De dichtstbijzijnde is op 17 km" in page
    assert "Zoek binnen 20 km" in page


def test_nothing_found_at_all_still_helps(client):
    response = client.get(FINDER, {"q": "astronaut"})
    assert "We vinden geen opleiding die bij al je keuzes past" in text(response)
    assert 'href="/contact/"' in response.content.decode()


# --- htmx and caching ------------------------------------------------------------------------


def test_htmx_request_gets_only_the_results_fragment(client):
    ProgrammeFactory(name="Kok duaal")
    response = client.get(FINDER, {"q": "kok", "postcode": "0000"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "<header" not in html
    assert "Kok duaal" in html
    # Out of band: the count for screen readers, and the postcode field with its message.
    assert 'id="resultaten-status" hx-swap-oob="innerHTML"' in html
    assert 'id="buurt-velden" class="mb-3" hx-swap-oob="true"' in html
    assert "Postcode 0000 kennen we niet" in html
    assert "HX-Request" in response["Vary"]

    # A history restore needs the whole page.
    full = client.get(
        FINDER, {"q": "kok"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in full.content.decode()


def test_the_full_page_works_without_javascript(client):
    html = client.get(FINDER).content.decode()
    assert re.search(r'<form method="get"\s+action="/opleidingen/"', html)
    assert 'hx-get="/opleidingen/"' in html and 'hx-push-url="true"' in html
    assert "<script>" not in html and " style=" not in html  # CSP: no inline script or style
    for field in (
        "q",
        "postcode",
        "km",
        "study_domain",
        "grade",
        "finality",
        "education_form",
        "segment",
        "subregion",
        "provider_kind",
    ):
        assert f'<label\n                for="id_{field}"' in html or f'for="id_{field}"' in html


def test_pagination_keeps_the_filters(client):
    for n in range(25):
        ProgrammeFactory(name=f"Opleiding {n:02d} duaal")
    response = client.get(FINDER, {"q": "opleiding"})
    assert len(response.context["hits"]) == 20
    html = response.content.decode()
    assert 'href="?q=opleiding&amp;page=2"' in html
    assert len(client.get(FINDER, {"q": "opleiding", "page": 2}).context["hits"]) == 5


def test_anonymous_pages_come_from_the_cache_and_logged_in_ones_do_not(
    client, django_assert_num_queries, school_contact
):
    ProgrammeFactory(name="Kok duaal")
    first = client.get(FINDER, {"q": "kok"})
    assert "csrfmiddlewaretoken" not in first.content.decode()  # no token in a shared page
    ProgrammeFactory(name="Kokkin duaal")
    with django_assert_num_queries(0):
        again = client.get(FINDER, {"q": "kok"})
    assert again.content == first.content

    client.force_login(school_contact)
    mine = client.get(FINDER, {"q": "kok"})
    assert names(mine) == ["Kok duaal", "Kokkin duaal"]
    assert "Afmelden" in mine.content.decode()


# --- Programme page --------------------------------------------------------------------------


def test_programme_page_lists_sites_with_distance_nearest_first(client):
    programme = ProgrammeFactory(
        name="Elektrische installaties duaal", finality=Programme.Finality.LABOUR_MARKET
    )
    offer(programme, "8800", provider=SchoolFactory(name="GO! Technisch Atheneum Roeselare"))
    offer(programme, "8500", provider=SchoolFactory(name="VTI Kortrijk"), name="Campus Noord")
    postcode("8930")
    url = reverse("core:programme_detail", kwargs={"slug": programme.slug})

    response = client.get(url, {"postcode": "8930"})

    places = response.context["places"]
    assert [p.provider_name for p in places] == ["VTI Kortrijk", "GO! Technisch Atheneum Roeselare"]
    page = text(response)
    assert "Campus Noord" in page and "Zuid-West-Vlaanderen" in page and "Kortrijk" in page
    assert f"{round(places[0].distance)} km" in page
    # What you learn, written from the facts when there is no description.
    assert "is een duale opleiding in de derde graad" in page
    assert "meteen aan het werk" in page
    assert f'href="/contact/?opleiding={programme.slug}"' in response.content.decode()
    # Title, description and OpenGraph per page.
    html = response.content.decode()
    assert "<title>Elektrische installaties duaal" in html
    assert re.search(r'property="og:title"\s+content="Elektrische installaties duaal', html)
    assert re.search(r'property="og:url"\s+content="http://testserver/opleidingen/[^"?]+/"', html)
    assert re.search(r'name="description"\s+content="Elektrische installaties duaal \(BSO\)', html)


def test_programme_page_shows_its_own_description_and_unknown_postcodes(client):
    programme = ProgrammeFactory(name="Kok duaal", description="Je leert koken in een restaurant.")
    response = client.get(f"/opleidingen/{programme.slug}/", {"postcode": "9999"})
    page = text(response)
    assert "Je leert koken in een restaurant." in page
    assert "is een duale opleiding" not in page
    assert "Postcode 9999 kennen we niet" in page
    assert "nog geen school of centrum in West-Vlaanderen" in page


def test_inactive_or_unknown_programme_is_not_found(client):
    programme = ProgrammeFactory(active=False)
    assert client.get(f"/opleidingen/{programme.slug}/").status_code == 404
    assert client.get("/opleidingen/bestaat-niet/").status_code == 404


# --- Provider page ---------------------------------------------------------------------------


def test_provider_page_lists_its_offer_per_site(client):
    school = SchoolFactory(name="VTI Kortrijk", website="https://vti.example")
    main = SiteFactory(organisation=school, postcode=postcode("8500"), name="Campus Noord")
    other = SiteFactory(organisation=school, postcode=postcode("8930"), name="Campus Menen")
    ProgrammeOfferFactory(
        site=main, programme=ProgrammeFactory(name="Elektrische installaties duaal")
    )
    ProgrammeOfferFactory(site=other, programme=ProgrammeFactory(name="Kok duaal"))
    ProgrammeOfferFactory(site=other, programme=ProgrammeFactory(name="Oud duaal"), active=False)

    response = client.get(reverse("core:provider_detail", kwargs={"uuid": school.uuid}))

    page = text(response)
    assert "VTI Kortrijk" in page and "https://vti.example" in page
    assert "Campus Noord" in page and "Campus Menen" in page and "Menen" in page
    assert "Elektrische installaties duaal" in page and "Kok duaal" in page
    assert "Oud duaal" not in page
    assert response.context["programme_count"] == 2
    assert "biedt 2 duale opleidingen aan" in response.content.decode()


def test_provider_page_is_only_for_providers(client):
    company = CompanyFactory()
    assert client.get(f"/aanbieders/{company.uuid}/").status_code == 404
    closed = SchoolFactory(active=False)
    assert client.get(f"/aanbieders/{closed.uuid}/").status_code == 404


# --- Query bounds ----------------------------------------------------------------------------


@pytest.fixture
def many_offers():
    """60 programmes at 30 sites of 10 providers: 300 offers."""
    codes = list(TOWNS)
    sites = [
        SiteFactory(organisation=SchoolFactory(), postcode=postcode(codes[n % len(codes)]))
        for n in range(30)
    ]
    programmes = [ProgrammeFactory(name=f"Opleiding {n:02d} duaal") for n in range(60)]
    for n, programme in enumerate(programmes):
        for site in sites[n % 6 :: 6]:
            ProgrammeOfferFactory(programme=programme, site=site)
    return programmes, sites


def test_finder_runs_a_bounded_number_of_queries(
    client, many_offers, django_assert_max_num_queries
):
    # Without a postcode: count + page of programmes + their offers + the two choice lists
    # (study domains, subregions).
    with django_assert_max_num_queries(5):
        response = client.get(FINDER, {"q": "opleiding", "grade": "3"})
    assert len(response.context["hits"]) == 20
    # With a postcode: the postcode + offers in the bounding box + page of programmes + their
    # offers + two choice lists.
    with django_assert_max_num_queries(6):
        response = client.get(FINDER, {"postcode": "8500", "km": "50", "provider_kind": "school"})
    assert len(response.context["hits"]) == 20
    # Empty with a subregion and a postcode: + counts per subregion + nearest offer.
    with django_assert_max_num_queries(8):
        client.get(FINDER, {"q": "geen", "subregion": "westhoek", "postcode": "8500", "km": "5"})


def test_programme_and_provider_pages_run_a_bounded_number_of_queries(
    client, many_offers, django_assert_max_num_queries
):
    programmes, sites = many_offers
    programme = programmes[0]
    for site in sites:  # this programme is offered at every site
        ProgrammeOfferFactory(programme=programme, site=site, school_year="2026-2027")
    # The programme (with its study domain) + the postcode + its offers with site, provider,
    # postcode, municipality and subregion in one JOIN + the open workplaces nearby (the
    # figure registry: matchmaking's coordinates of the workplaces in the bounding box).
    with django_assert_max_num_queries(4):
        response = client.get(f"/opleidingen/{programme.slug}/", {"postcode": "8500"})
    assert len(response.context["places"]) == 35
    # The provider + its sites (with postcode, municipality, subregion) + their offers.
    with django_assert_max_num_queries(3):
        client.get(reverse("core:provider_detail", kwargs={"uuid": sites[0].organisation.uuid}))


# --- Sitemap and access ----------------------------------------------------------------------


def test_sitemap_lists_programme_and_provider_pages(client):
    programme = ProgrammeFactory()
    ProgrammeFactory(name="Oud duaal", active=False)
    school = SchoolFactory()
    company = CompanyFactory()
    xml = client.get(reverse("sitemap")).content.decode()
    assert f"/opleidingen/{programme.slug}/</loc>" in xml
    assert "/opleidingen/</loc>" in xml
    assert f"/aanbieders/{school.uuid}/</loc>" in xml
    assert str(company.uuid) not in xml
    assert "oud-duaal" not in xml


def test_finder_pages_are_declared_public_in_the_access_matrix():
    from tests.test_access_matrix import MATRIX, OK

    for name in ("core:programme_list", "core:programme_detail", "core:provider_detail"):
        assert MATRIX[name].default == OK and not MATRIX[name].per_role, name


def test_the_finder_is_linked_from_the_header_and_the_learners_section(client):
    html = client.get(reverse("core:home")).content.decode()
    assert html.count(f'href="{FINDER}"') >= 2
