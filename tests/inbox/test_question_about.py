"""The generic "about" link of a question: any row of any app, with its label and staff URL
stored, so the inbox shows it without importing that app."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError
from django.urls import reverse

from steunpunt.inbox.models import Question
from steunpunt.inbox.services import submit_question
from tests.factories import ProgrammeFactory
from tests.inbox.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def test_a_question_can_be_about_any_row():
    programme = ProgrammeFactory(name="Kapper-stylist duaal")
    question = submit_question(
        audience=Question.Audience.LEARNER,
        text="Waar kan ik starten?",
        email="lerende@voorbeeld.test",
        consent=True,
        about=programme,
        about_url="/beheer/opleiding/1/",
    )
    question.refresh_from_db()
    assert question.about == programme
    assert question.about_type == ContentType.objects.get_for_model(programme)
    assert question.about_label == "Kapper-stylist duaal"  # str() of the row by default
    assert question.about_url == "/beheer/opleiding/1/"


def test_a_question_about_nothing_has_no_link(client, coordinator):
    question = QuestionFactory()
    assert question.about is None and question.about_label == ""
    client.force_login(coordinator)
    html = client.get(question.get_absolute_url()).content.decode()
    assert '<dt class="col-sm-4">Over</dt>' not in html


def test_type_and_id_come_together():
    with pytest.raises(IntegrityError):
        QuestionFactory(about_type=ContentType.objects.get_for_model(Question), about_id=None)


def test_the_admin_shows_the_link(client, coordinator, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    question = QuestionFactory(about_label="Leerwerkplek Kok bij Hotel Zee", about_url="/x/1/")
    client.force_login(coordinator)
    html = client.get(reverse("admin:inbox_question_change", args=[question.pk])).content.decode()
    assert '<a href="/x/1/">Leerwerkplek Kok bij Hotel Zee</a>' in html
