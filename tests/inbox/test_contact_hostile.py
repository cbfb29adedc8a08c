"""The contact form under hostile input: a malformed `?opleiding=` never reaches the database
(a NUL byte in a PostgreSQL text lookup was a 500), and a bot that fills the honeypot gets the
same post/redirect/get as a person, without anything stored."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from steunpunt.inbox.models import Question
from tests.factories import ProgrammeFactory
from tests.inbox.test_public_forms import CONTACT, INFO, info_data, question_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["a\x00b", "x" * 5000, "kapper/../x", ""])
def test_a_malformed_programme_slug_is_no_programme_and_no_query(client, slug):
    ProgrammeFactory(name="Kapper-stylist duaal")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CONTACT, {"opleiding": slug})
    assert response.status_code == 200
    assert "Ik heb een vraag over de opleiding" not in response.content.decode()
    assert not [q["sql"] for q in queries if "core_programme" in q["sql"]]


def test_a_well_formed_slug_still_starts_the_question(client):
    programme = ProgrammeFactory(name="Kapper-stylist duaal")
    response = client.get(CONTACT, {"opleiding": programme.slug})
    assert "Ik heb een vraag over de opleiding Kapper-stylist duaal" in response.content.decode()


@pytest.mark.postgres_only
def test_a_nul_byte_in_the_programme_slug_on_postgresql():
    response = Client(raise_request_exception=False).get(CONTACT, {"opleiding": "a\x00b"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url,data,heading",
    [
        (CONTACT, question_data, "Bedankt voor je vraag"),
        (INFO, info_data, "Bedankt voor je aanvraag"),
    ],
)
def test_the_honeypot_redirects_to_a_thank_you_page(client, postcode, url, data, heading):
    response = client.post(url, data(website="http://spam.example"))

    assert response.status_code == 302
    thanks = response["Location"]
    assert thanks.startswith("/contact/bedankt/")
    page = client.get(thanks)
    assert page.status_code == 200
    html = page.content.decode()
    assert heading in html
    assert "Je nummer is" not in html  # no question, so no reference number
    assert client.get(thanks).status_code == 200  # a refresh shows it again, posts nothing
    assert not Question.objects.exists()
    # The made-up page exists only for the session that was sent there.
    assert Client().get(thanks).status_code == 404
