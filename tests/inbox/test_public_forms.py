"""The public forms: /contact/ and /infosessie-aanvragen/."""

import re

import pytest
from django.core import mail
from django.urls import URLPattern, get_resolver, reverse

from steunpunt.inbox.models import InfoSessionDetails, Question

pytestmark = pytest.mark.django_db

CONTACT = reverse("inbox:contact")
INFO = reverse("inbox:info_session_request")


def question_data(**overrides):
    data = {
        "audience": "ouder",
        "text": "Kan mijn zoon duaal leren als kapper in de buurt van Tielt?",
        "name": "Els Vandamme",
        "email": "els@voorbeeld.test",
        "phone": "",
        "postcode": "8700",
        "subregion": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def info_data(**overrides):
    data = {
        "audience": "school",
        "organisation_name": "VTI Roeselare",
        "session_audience": "ouders",
        "participants": "45",
        "preferred_dates": "Een dinsdagavond in maart",
        "place": "Aula, Stationsstraat 1",
        "text": "",
        "name": "Pieter Declercq",
        "email": "pieter@vti.test",
        "phone": "",
        "postcode": "8700",
        "subregion": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_contact_page_is_in_plain_dutch(client):
    response = client.get(CONTACT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Stel je vraag</h1>" in html
    assert "Wie ben je?" in html
    assert 'name="website"' in html and 'tabindex="-1"' in html
    assert 'aria-hidden="true"' in html


def test_question_is_stored_and_acknowledged(client, postcode, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CONTACT, question_data())

    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inbox:thanks", kwargs={"uuid": question.uuid})
    assert re.fullmatch(r"V-\d{4}-00001", question.reference)
    assert question.kind == Question.Kind.QUESTION
    assert question.status == Question.Status.NEW
    assert question.postcode == postcode
    assert question.subregion == postcode.subregion  # derived from the postcode
    assert question.consent and question.consent_given_at is not None
    assert question.history.count() == 1  # audit trail of personal data

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Els Vandamme <els@voorbeeld.test>"]
    assert question.reference in message.subject
    assert question.reference in message.body
    assert "Dag Els Vandamme" in message.body

    thanks = client.get(response["Location"])
    assert question.reference in thanks.content.decode()


def test_reference_numbers_count_up_per_kind(client, postcode):
    client.post(CONTACT, question_data())
    client.post(CONTACT, question_data(email="tweede@voorbeeld.test"))
    client.post(INFO, info_data())
    refs = sorted(Question.objects.values_list("reference", flat=True))
    assert [r[:2] + r[-5:] for r in refs] == ["I-00001", "V-00001", "V-00002"]


def test_info_session_request_is_stored_with_its_details(
    client, postcode, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INFO, info_data())
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.kind == Question.Kind.INFO_SESSION
    assert question.reference.startswith("I-")
    details = question.info_session
    assert details.participants == 45
    assert details.session_audience == InfoSessionDetails.SessionAudience.PARENTS
    assert len(mail.outbox) == 1
    assert "infosessie" in mail.outbox[0].subject
    assert question.reference in mail.outbox[0].subject


def test_phone_only_is_enough_and_sends_no_mail(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CONTACT, question_data(email="", phone="0470 12 34 56", postcode=""))
    assert response.status_code == 302
    assert Question.objects.get().phone == "0470 12 34 56"
    assert mail.outbox == []


def test_subregion_can_be_chosen_without_postcode(client, postcode):
    response = client.post(CONTACT, question_data(postcode="", subregion=postcode.subregion_id))
    assert response.status_code == 302
    assert Question.objects.get().subregion == postcode.subregion


def test_validation_errors_keep_the_input_and_speak_dutch(client, postcode):
    response = client.post(
        CONTACT,
        question_data(email="", phone="", consent="", postcode="9999", name="Jonas"),
    )
    assert response.status_code == 200
    assert not Question.objects.exists()
    html = response.content.decode()
    # What was typed is still there.
    assert "Kan mijn zoon duaal leren als kapper" in html
    assert 'value="Jonas"' in html
    assert 'value="9999"' in html
    assert (
        'value="ouder" checked' in html
        or 'checked value="ouder"' in html
        or re.search(r'value="ouder"[^>]*checked', html)
    )
    # Dutch messages next to the fields, and a summary on top.
    errors = response.context["form"].errors
    assert "Vul je e-mailadres of je telefoonnummer in" in errors["email"][0]
    assert "Vink dit aan" in errors["consent"][0]
    assert "Deze postcode kennen we niet" in errors["postcode"][0]
    assert "Kijk dit nog even na" in html
    assert 'class="invalid-feedback"' in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "els@", "Dit e-mailadres klopt niet"),
        ("phone", "bel me", "Dit telefoonnummer klopt niet"),
        ("postcode", "87", "Een postcode heeft 4 cijfers"),
        ("text", "", "Schrijf hier je vraag"),
        ("audience", "", "Kies wie je bent"),
    ],
)
def test_each_field_has_a_dutch_message(client, postcode, field, value, message):
    response = client.post(CONTACT, question_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_info_session_errors_keep_input(client, postcode):
    response = client.post(INFO, info_data(participants="veel", organisation_name=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Typ een getal, bijvoorbeeld 25." in html
    assert "Vul dit veld in." in html
    assert "Een dinsdagavond in maart" in html
    assert not Question.objects.exists()


@pytest.mark.parametrize("url,data", [(CONTACT, question_data), (INFO, info_data)])
def test_honeypot_pretends_success_and_stores_nothing(
    client, postcode, url, data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data(website="http://spam.example"), follow=True)
    assert response.redirect_chain[0][1] == 302  # post/redirect/get, as for a real question
    assert "Bedankt" in response.content.decode()
    assert not Question.objects.exists()
    assert mail.outbox == []


def test_rate_limit_per_ip_keeps_the_input(client, postcode, settings):
    settings.INBOX_RATE_LIMIT = "2/h"
    for n in range(2):
        assert client.post(CONTACT, question_data(email=f"p{n}@voorbeeld.test")).status_code == 302
    response = client.post(CONTACT, question_data(text="Mijn derde vraag over de aanloopfase"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Even wachten" in html
    assert "Mijn derde vraag over de aanloopfase" in html  # what was typed stays
    assert Question.objects.count() == 2
    # The limit counts per IP address: another address still gets through.
    other = client.post(INFO, info_data(), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302
    # And it is shared by both forms for the first address.
    assert client.post(INFO, info_data()).status_code == 429


def test_thanks_page_needs_the_uuid(client, postcode):
    client.post(CONTACT, question_data())
    question = Question.objects.get()
    assert client.get(f"/contact/bedankt/{question.pk}/").status_code == 404
    url = reverse("inbox:thanks", kwargs={"uuid": question.uuid})
    assert str(question.uuid) in url
    assert client.get(url).status_code == 200


def test_no_public_or_inbox_url_takes_a_sequential_id():
    for pattern in get_resolver().url_patterns:
        if getattr(pattern, "namespace", None) != "inbox":
            continue
        for sub in pattern.url_patterns:
            assert isinstance(sub, URLPattern)
            route = str(sub.pattern)
            assert "<int:" not in route and "<pk" not in route, route


def test_public_pages_are_in_the_sitemap(client):
    xml = client.get(reverse("sitemap")).content.decode()
    assert "/contact/</loc>" in xml
    assert "/infosessie-aanvragen/</loc>" in xml


def test_contact_is_linked_from_every_page(client):
    html = client.get(reverse("core:home")).content.decode()
    assert f'href="{CONTACT}"' in html
    assert f'href="{INFO}"' in html


def test_links_from_a_programme_or_the_selftest_start_the_question(client):
    from tests.factories import ProgrammeFactory

    programme = ProgrammeFactory(name="Kapper-stylist duaal")
    response = client.get(reverse("inbox:contact"), {"opleiding": programme.slug})
    assert "Ik heb een vraag over de opleiding Kapper-stylist duaal" in response.content.decode()
    response = client.get(reverse("inbox:contact"), {"bron": "zelftest"})
    assert "Ik deed de zelftest" in response.content.decode()
    response = client.get(reverse("inbox:contact"), {"opleiding": "bestaat-niet"})
    assert "Ik heb een vraag over de opleiding" not in response.content.decode()
