"""Solo play: one question per page, without JavaScript, score and recap at the end."""

import pytest
from django.urls import reverse

from infotools.models import QuizAnswerTally
from tests.infotools.quiz_factories import make_quiz

pytestmark = pytest.mark.django_db


def test_list_shows_published_quizzes_only(client):
    make_quiz(title="Zichtbare quiz")
    hidden = make_quiz(title="Verborgen quiz", published=False)
    response = client.get(reverse("quiz:list"))
    assert response.status_code == 200
    assert "Zichtbare quiz" in response.text
    assert "Verborgen quiz" not in response.text
    assert client.get(reverse("quiz:solo", args=[hidden.slug])).status_code == 404


def test_solo_flow_with_score_and_recap(client):
    quiz = make_quiz(questions=3, answers=3)
    url = reverse("quiz:solo", args=[quiz.slug])
    questions = list(quiz.questions.prefetch_related("answers"))

    for number, question in enumerate(questions, start=1):
        page = client.get(url)
        assert f"vraag {number} van 3" in page.text
        assert question.text in page.text
        answers = list(question.answers.all())
        chosen = answers[0] if number != 2 else answers[1]  # question 2 wrong
        response = client.post(
            url, {"action": "answer", "question": question.pk, "answer": chosen.pk}
        )
        assert response.status_code == 302
        feedback = client.get(url).text
        assert ("Juist!" in feedback) == (number != 2)
        assert question.explanation in feedback
        # Answering again (back button) changes nothing.
        client.post(url, {"action": "answer", "question": question.pk, "answer": answers[2].pk})
        client.post(url, {"action": "next"})

    result = client.get(url)
    assert 'data-quiz-score="2"' in result.text
    assert "2 van de 3 juist" in result.text
    assert "Jij koos: Antwoord 2" in result.text
    assert QuizAnswerTally.objects.filter(answer__question__quiz=quiz).count() == 3
    assert sum(t.solo_count for t in QuizAnswerTally.objects.all()) == 3

    client.post(url, {"action": "restart"})
    assert "vraag 1 van 3" in client.get(url).text


def test_solo_refuses_an_answer_of_another_question(client):
    quiz = make_quiz(questions=2)
    first, second = quiz.questions.order_by("order")
    url = reverse("quiz:solo", args=[quiz.slug])
    response = client.post(
        url,
        {"action": "answer", "question": second.pk, "answer": second.answers.first().pk},
        follow=True,
    )
    assert "vraag 1 van 2" in response.text
    assert "Deze vraag is al voorbij" in response.text
    response = client.post(
        url, {"action": "answer", "question": first.pk, "answer": "999999"}, follow=True
    )
    assert "Kies een van de antwoorden." in response.text


def test_solo_get_does_not_write(client, django_assert_max_num_queries):
    quiz = make_quiz(questions=3)
    # 1 quiz, 2 questions + answers (prefetch); no session row for a first visit.
    with django_assert_max_num_queries(3):
        assert client.get(reverse("quiz:solo", args=[quiz.slug])).status_code == 200
