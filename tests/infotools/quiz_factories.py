"""Factories for De Duale Quiz (kept apart from the self-test's factories)."""

import factory

from infotools.models import Quiz, QuizAnswer, QuizQuestion
from infotools.quiz import services as quiz_services


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    title = factory.Sequence(lambda n: f"Testquiz {n}")
    slug = factory.Sequence(lambda n: f"testquiz-{n}")
    intro = "Een korte quiz om te testen."
    published = True


class QuizQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuizQuestion

    quiz = factory.SubFactory(QuizFactory)
    order = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Testvraag {n}?")
    explanation = "Omdat het zo is."


def make_quiz(*, questions: int = 3, answers: int = 3, **kwargs) -> Quiz:
    """A published quiz; answer 1 of every question is the right one."""
    quiz = QuizFactory(**kwargs)
    for q in range(questions):
        question = QuizQuestionFactory(quiz=quiz, order=q + 1)
        for a in range(answers):
            QuizAnswer.objects.create(
                question=question, order=a + 1, text=f"Antwoord {a + 1}", is_correct=a == 0
            )
    return quiz


def make_session(**kwargs):
    return quiz_services.start_class_session(quiz=make_quiz(**kwargs))
