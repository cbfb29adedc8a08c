"""The public good practices: search and filters, published only, the contact only with
consent, and their place in the sitemap."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ProgrammeFactory, SubregionFactory
from tests.network.factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


def published(**fields):
    return GoodPracticeFactory(is_published=True, published_at=timezone.now(), **fields)


def listed(response) -> str:
    body = response.content.decode()
    return body.split("</form>")[1]  # the results, after the search form


def test_the_list_shows_published_practices_only(client):
    published(title="Een mentor per leerling")
    GoodPracticeFactory(title="Nog in opmaak", is_published=False)
    body = listed(client.get(reverse("practices:list")))
    assert "Een mentor per leerling" in body
    assert "Nog in opmaak" not in body


def test_searching_by_words(client):
    published(title="Een mentor per leerling", what_worked="Wekelijks overleg op de werf.")
    published(title="Open bedrijvendag", summary="Leerlingen bezoeken bakkerijen.")
    body = listed(client.get(reverse("practices:list"), {"zoek": "werf"}))
    assert "Een mentor per leerling" in body and "Open bedrijvendag" not in body
    nothing = listed(client.get(reverse("practices:list"), {"zoek": "ruimtevaart"}))
    assert "Geen goede praktijk gevonden" in nothing


def test_filtering_by_subregion_and_programme(client):
    kust = SubregionFactory(name="Westkust", slug="westkust")
    bakker = ProgrammeFactory(name="Bakker")
    published(title="Aan zee", subregion=kust)
    published(title="Vers brood", programme=bakker)
    by_region = listed(client.get(reverse("practices:list"), {"subregio": "westkust"}))
    assert "Aan zee" in by_region and "Vers brood" not in by_region
    by_programme = listed(client.get(reverse("practices:list"), {"opleiding": bakker.slug}))
    assert "Vers brood" in by_programme and "Aan zee" not in by_programme


def test_the_empty_list_invites_a_story(client):
    body = client.get(reverse("practices:list")).content.decode()
    assert "Er zijn nog geen goede praktijken gepubliceerd." in body


def test_the_list_with_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(25):
        published(programme=ProgrammeFactory(), subregion=SubregionFactory())
    # session, subregions and programmes of the filter form, count, one page with both joins
    with django_assert_max_num_queries(8):
        response = client.get(reverse("practices:list"))
    assert response.content.decode().count("/goede-praktijken/") >= 20


def test_the_detail_shows_the_contact_only_with_consent(client):
    consented = published(
        title="Een mentor per leerling",
        what_worked="**Wekelijks** overleg.",
        contact_name="Lien Vanhoutte",
        contact_email="lien@vanhoutte.test",
        contact_consent_at=timezone.now(),
    )
    body = client.get(reverse("practices:detail", args=[consented.slug])).content.decode()
    assert "<strong>Wekelijks</strong>" in body
    assert "lien@vanhoutte.test" in body

    without = published(title="Zonder toestemming")
    without.contact_name = "Piet Geheim"  # an inconsistent row must still not leak the contact
    without.save()
    body = client.get(reverse("practices:detail", args=[without.slug])).content.decode()
    assert "Piet Geheim" not in body
    assert "wij brengen je in contact" in body


def test_an_unpublished_practice_is_a_404(client, coordinator):
    draft = GoodPracticeFactory(is_published=False)
    assert client.get(reverse("practices:detail", args=[draft.slug])).status_code == 404
    client.force_login(coordinator)
    assert client.get(reverse("practices:detail", args=[draft.slug])).status_code == 404


def test_the_sitemap_lists_the_published_practices(client):
    shown = published()
    hidden = GoodPracticeFactory(is_published=False)
    body = client.get(reverse("sitemap")).content.decode()
    assert reverse("practices:detail", args=[shown.slug]) in body
    assert reverse("practices:detail", args=[hidden.slug]) not in body
    assert reverse("practices:list") in body
