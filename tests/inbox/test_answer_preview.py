"""The inbox answer (issue 13, finding 6): the form starts with one greeting and one signature,
the mail template adds none, and the coordinator sees the mail exactly as it will be sent
before "Versturen" sends it. A text changed after the preview is shown again, never sent."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from steunpunt.inbox.forms import AnswerForm
from tests.inbox.factories import QuestionFactory

pytestmark = pytest.mark.django_db

TEXT = "Ja, dat kan bij **Kapper-stylist** in Tielt & omstreken."


@pytest.fixture
def staff_client(client, coordinator, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(coordinator)
    return client


@pytest.fixture
def question():
    return QuestionFactory(name="De Smet, Jan", email="jan@voorbeeld.test")


def answer_url(question):
    return reverse("inbox:question_answer", kwargs={"uuid": question.uuid})


def draft(staff_client, question) -> str:
    page = staff_client.get(question.get_absolute_url())
    return page.context["answer_form"].initial["body"]


def letter(staff_client, question) -> str:
    """The pre-filled greeting and signature with the coordinator's text in between."""
    greeting, rest = draft(staff_client, question).split("\n\n", 1)
    return f"{greeting}\n\n{TEXT}\n\n{rest.strip()}"


def greetings(text: str) -> int:
    return len(re.findall(r"\b(?:Beste|Dag)\b", text))


def sign_offs(text: str) -> int:
    return text.count("Met vriendelijke groeten")


def test_the_form_starts_with_one_greeting_and_one_signature(staff_client, question):
    body = draft(staff_client, question)
    assert body.startswith("Beste De Smet, Jan,\n")
    assert body.rstrip().endswith(
        "Met vriendelijke groeten,\nKatrien Coördinator\nSteunpunt Duaal Leren West-Vlaanderen"
    )
    page = staff_client.get(question.get_absolute_url()).content.decode()
    assert "Voorbeeld bekijken" in page and "Versturen naar" not in page


def test_preview_shows_the_mail_as_sent_and_sends_nothing(staff_client, question):
    body = letter(staff_client, question)

    response = staff_client.post(answer_url(question), {"body": body, "preview": "1"})

    assert response.status_code == 200
    assert mail.outbox == [] and not question.answers.exists()
    preview = response.context["answer_preview"]
    assert preview["to"] == '"De Smet, Jan" <jan@voorbeeld.test>'
    assert question.reference in preview["subject"] and "&amp;" not in preview["subject"]
    assert preview["text"].startswith(body)  # the text as typed, then only the footer
    assert (greetings(preview["text"]), sign_offs(preview["text"])) == (1, 1)
    assert (greetings(preview["html"]), sign_offs(preview["html"])) == (1, 1)
    assert "<strong>Kapper-stylist</strong>" in preview["html"]
    page = response.content.decode()
    assert "Versturen naar jan@voorbeeld.test" in page
    # The text typed is kept in the form, stamped as previewed.
    form = response.context["answer_form"]
    assert form.data["body"] == body and form.data["previewed"] == AnswerForm.digest(body)


def test_send_after_preview_sends_exactly_what_was_shown(
    staff_client, question, django_capture_on_commit_callbacks
):
    body = letter(staff_client, question)
    shown = staff_client.post(answer_url(question), {"body": body, "preview": "1"}).context[
        "answer_preview"
    ]

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            answer_url(question), {"body": body, "previewed": AnswerForm.digest(body), "send": "1"}
        )

    assert response.status_code == 302
    [sent] = mail.outbox
    assert sent.to == ['"De Smet, Jan" <jan@voorbeeld.test>']
    assert (sent.subject, sent.body) == (shown["subject"], shown["text"])
    html = sent.alternatives[0][0]
    assert str(shown["html"]) in html
    assert (greetings(sent.body), sign_offs(sent.body)) == (1, 1)
    assert (greetings(html), sign_offs(html)) == (1, 1)
    # The signature keeps its lines in the HTML too.
    assert "Met vriendelijke groeten,<br" in html
    assert question.answers.get().body == body


def test_a_text_changed_after_the_preview_is_previewed_again_not_sent(staff_client, question):
    body = letter(staff_client, question)
    changed = body.replace("Tielt", "Roeselare")

    response = staff_client.post(
        answer_url(question), {"body": changed, "previewed": AnswerForm.digest(body), "send": "1"}
    )

    assert response.status_code == 200 and mail.outbox == []
    assert not question.answers.exists()
    assert "Roeselare" in response.context["answer_preview"]["text"]
    assert "veranderde na het voorbeeld" in response.content.decode()


def test_send_without_any_preview_shows_the_preview_first(staff_client, question):
    response = staff_client.post(answer_url(question), {"body": TEXT, "send": "1"})
    assert response.status_code == 200 and mail.outbox == []
    assert response.context["answer_preview"]["text"].startswith(TEXT)


def test_no_preview_for_a_question_that_cannot_be_answered(staff_client):
    question = QuestionFactory(email="", phone="0470 00 00 00")
    response = staff_client.post(answer_url(question), {"body": TEXT, "preview": "1"}, follow=True)
    assert "kan niet beantwoord worden" in response.content.decode()
    assert mail.outbox == [] and not question.answers.exists()


def test_an_empty_answer_is_refused_and_the_school_contact_cannot_preview(
    staff_client, question, client, school_contact
):
    assert staff_client.post(answer_url(question), {"body": "", "preview": "1"}).status_code == 400
    client.force_login(school_contact)
    response = client.post(answer_url(question), {"body": TEXT, "preview": "1"})
    assert response.status_code in (302, 403, 404)
    assert mail.outbox == [] and not question.answers.exists()
