"""Error pages are Dutch, in the portal's look: 400 (bad Host, too many fields, too large a
body), 403, 404, 429 (allauth's rate limits) and 500, each without needing what failed."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

DUTCH_400 = "We konden je verzoek niet verwerken"


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def assert_dutch_400(response):
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="nl' in html
    assert DUTCH_400 in html
    assert "Bad Request" not in html


def test_a_bad_host_header_gets_the_dutch_400(settings, client):
    settings.DEBUG = False
    assert_dutch_400(client.get("/", HTTP_HOST="evil.invalid"))


def test_too_many_fields_get_the_dutch_400(settings, client):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = {f"veld{i}": "x" for i in range(11)}
    assert_dutch_400(client.post(reverse("account_login"), data))


def test_too_large_a_body_gets_the_dutch_400(settings, client):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    data = {"login": "a@b.test", "password": "x" * 2048}
    assert_dutch_400(client.post(reverse("account_login"), data))


def test_the_400_page_needs_no_request_nor_database(django_assert_num_queries):
    """Django renders 400.html without a context (the Host it would need is the bad part)."""
    from django.template import loader

    with django_assert_num_queries(0):
        html = loader.get_template("400.html").render()
    assert DUTCH_400 in html and 'lang="nl-BE"' in html


def test_the_500_page_needs_no_request_nor_database(django_assert_num_queries):
    from django.template import loader

    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert "Er ging iets mis" in html and 'lang="nl-BE"' in html


def test_the_404_page_is_dutch(client):
    response = client.get("/bestaat-echt-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'lang="nl-BE"' in html and "Deze pagina bestaat niet (meer)" in html


def test_allauths_rate_limit_page_is_dutch(settings, client):
    """allauth answers a 429 with 429.html (an English fallback when the template is missing)."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    data = {"login": "niemand@steunpunt.test", "password": "fout-wachtwoord-1"}
    client.post(reverse("account_login"), data)
    response = client.post(reverse("account_login"), data)
    assert response.status_code == 429
    html = response.content.decode()
    assert 'lang="nl-BE"' in html
    assert "Te veel pogingen" in html
    assert "Too Many Requests" not in html
