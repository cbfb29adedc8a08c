"""The teacher's PDF: its text, the signed answers, refusals."""

import re

import pytest
from django.core import signing
from django.urls import reverse

from campaigns.campaign.pdf import static_url_fetcher
from campaigns.models import SelfTestTally
from campaigns.selftest_forms import PAYLOAD_SALT, sign_answers
from tests.factories import (
    PostcodeFactory,
    ProgrammeFactory,
    ProgrammeOfferFactory,
    SiteFactory,
    StudyDomainFactory,
)
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db

ANSWERS = {
    "interesse": ["techniek"],
    "leren": "doen",
    "samen": "graag",
    "werkplek": "ja",
    "op-tijd": "ja",
    "opdrachten": "meestal",
    "verplaatsen": "ja",
    "volhouden": "volhouden",
    "opmerkingen": "leren",
    "leeftijd": "15-17",
    "school": "secundair",
    "postcode": "8500",
    "km": "20",
}


@pytest.fixture
def offer():
    kortrijk = PostcodeFactory(
        code="8500", locality="Kortrijk", is_main_locality=True, latitude=50.828, longitude=3.265
    )
    programme = ProgrammeFactory(
        name="Elektrische installaties duaal", study_domain=StudyDomainFactory(code=2)
    )
    return ProgrammeOfferFactory(programme=programme, site=SiteFactory(postcode=kortrijk))


def payload_from_result_page(client) -> str:
    response = client.get(reverse("selftest:result"), ANSWERS)
    return re.search(r'name="payload" value="([^"]+)"', response.content.decode()).group(1)


def test_the_pdf_has_the_profile_a_programme_and_the_teachers_message(client, offer):
    payload = payload_from_result_page(client)
    message = "Beste Lina,\nje bent klaar voor de werkvloer. <b>Proficiat</b> & succes!"
    response = client.post(reverse("selftest:pdf"), {"payload": payload, "message": message})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="zelftest-duaal-leren.pdf"'
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Is duaal leren iets voor mij?" in text
    assert "Duaal leren past bij jou" in text
    assert "Je leert graag door te doen." in text
    assert "Elektrische installaties duaal" in text
    assert "Boodschap van je leerkracht" in text
    # Escaped, not interpreted: the tags show as typed.
    assert "je bent klaar voor de werkvloer. <b>Proficiat</b> & succes!" in text
    assert "Beste Lina," in text
    assert "Pagina 1 van" in text  # page numbers in the margin box
    assert "Bijlage bij het advies van de klassenraad" in text
    assert not SelfTestTally.objects.exists()  # a PDF is not a new test


def test_the_message_is_optional(client, offer):
    payload = payload_from_result_page(client)
    response = client.post(reverse("selftest:pdf"), {"payload": payload, "message": ""})
    assert response.status_code == 200
    assert "Boodschap van je leerkracht" not in pdf_text(response.content)


def test_a_too_long_message_keeps_the_text_with_a_dutch_error(client, offer):
    payload = payload_from_result_page(client)
    message = "Goed gedaan! " * 60  # 780 characters
    response = client.post(reverse("selftest:pdf"), {"payload": payload, "message": message})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Je boodschap is te lang: hoogstens 600 tekens" in html
    assert "Goed gedaan! Goed gedaan!" in html  # what was typed stays in the textarea
    assert "Duaal leren past bij jou" in html  # the result is shown again


@pytest.mark.parametrize(
    "payload",
    [
        "niet-ondertekend",
        "",
        # A valid signature with another salt (e.g. from another form) is refused too.
        signing.dumps(ANSWERS, salt="iets-anders"),
    ],
)
def test_a_tampered_payload_is_refused_in_dutch(client, offer, payload):
    response = client.post(reverse("selftest:pdf"), {"payload": payload, "message": "Hallo"})
    assert response.status_code == 400
    assert "De antwoorden van de zelftest zijn niet geldig of werden veranderd" in (
        response.content.decode()
    )


def test_changing_the_signed_answers_breaks_the_signature(client, offer):
    payload = payload_from_result_page(client)
    data = signing.loads(payload, salt=PAYLOAD_SALT)
    data["interesse"] = ["<script>alert(1)</script>"]
    forged = signing.dumps(data, salt="verkeerd")
    body, _sep, signature = payload.rpartition(":")
    unsigned_other = forged.rpartition(":")[0]
    for tampered in (f"{unsigned_other}:{signature}", payload[:-2] + "xx"):
        response = client.post(reverse("selftest:pdf"), {"payload": tampered})
        assert response.status_code == 400


def test_signed_but_invalid_answers_are_refused(client, offer):
    # Even a correctly signed payload must hold valid answers (the options may change).
    payload = sign_answers({**ANSWERS, "leren": "zweven"})
    response = client.post(reverse("selftest:pdf"), {"payload": payload})
    assert response.status_code == 400


def test_get_is_not_allowed(client):
    assert client.get(reverse("selftest:pdf")).status_code == 405


def test_the_url_fetcher_reads_static_files_and_refuses_the_network():
    found = static_url_fetcher("https://pdf.invalid/static/css/selftest.css")
    assert b"selftest" in found["string"]
    assert found["mime_type"] == "text/css"
    for url in (
        "https://example.com/static/css/selftest.css",
        "http://127.0.0.1:8000/admin/",
        "file:///etc/passwd",
        "https://pdf.invalid/static/../../../etc/passwd",
    ):
        with pytest.raises(ValueError):
            static_url_fetcher(url)


def test_the_weasyprint_fetcher_serves_static_files_and_refuses_the_rest():
    from campaigns.campaign.pdf import static_fetcher

    fetcher = static_fetcher()
    response = fetcher.fetch("https://pdf.invalid/static/css/selftest.css")
    assert response.headers["Content-Type"] == "text/css"
    assert b"{" in response.read()
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.org/tracker.png")
