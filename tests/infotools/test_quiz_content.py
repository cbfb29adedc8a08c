"""De Duale Quiz: the content rules (2–4 answers, exactly one right) and the shipped quiz."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from infotools.admin import QuizAnswerFormSet, QuizAnswerInline, QuizQuestionAdmin
from infotools.models import Quiz, QuizAnswer, QuizQuestion
from infotools.quiz.services import check_answer_set, check_question, load_initial_quizzes
from tests.infotools.quiz_factories import QuizQuestionFactory, make_quiz

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "answers",
    [
        [("a", True)],
        [("a", True), ("b", False), ("c", False), ("d", False), ("e", False)],
        [("a", False), ("b", False)],
        [("a", True), ("b", True), ("c", False)],
    ],
)
def test_check_answer_set_refuses(answers):
    with pytest.raises(ValidationError) as exc:
        check_answer_set(answers)
    assert "antwoord" in exc.value.messages[0]


def test_check_answer_set_accepts_two_to_four_with_one_right():
    check_answer_set([("a", True), ("b", False)])
    check_answer_set([("a", False), ("b", False), ("c", True), ("d", False)])


def test_database_refuses_two_right_answers():
    question = QuizQuestionFactory()
    QuizAnswer.objects.create(question=question, text="a", is_correct=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        QuizAnswer.objects.create(question=question, text="b", is_correct=True)


def test_check_question_reads_the_database():
    quiz = make_quiz(questions=1, answers=2)
    question = quiz.questions.get()
    check_question(question=question)
    question.answers.update(is_correct=False)
    with pytest.raises(ValidationError):
        check_question(question=question)


def _formset_data(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "2",
        f"{prefix}-MAX_NUM_FORMS": "4",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def _admin_formset(question, rows, initial=0):
    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    from steunpunt.accounts.roles import Role
    from steunpunt.accounts.services import create_portal_user

    request = RequestFactory().get("/")
    request.user = create_portal_user(
        email=f"beheer{question.pk}-{initial}-{len(rows)}@steunpunt.test",
        role=Role.COORDINATOR,
        password="geheim-wachtwoord-123",
    )
    inline = QuizAnswerInline(QuizQuestion, site)
    formset_class = inline.get_formset(request, question)
    prefix = formset_class.get_default_prefix()
    return formset_class(_formset_data(prefix, rows, initial), instance=question, prefix=prefix)


def test_admin_formset_needs_exactly_one_right_answer():
    question = QuizQuestionFactory()
    assert issubclass(QuizQuestionAdmin.inlines[0].formset, QuizAnswerFormSet)
    two_right = [
        {"order": "1", "text": "a", "is_correct": "on"},
        {"order": "2", "text": "b", "is_correct": "on"},
    ]
    formset = _admin_formset(question, two_right)
    assert not formset.is_valid()
    assert "precies één juist antwoord" in str(formset.non_form_errors())

    none_right = [{"order": "1", "text": "a"}, {"order": "2", "text": "b"}]
    assert not _admin_formset(question, none_right).is_valid()

    one_answer = [{"order": "1", "text": "a", "is_correct": "on"}]
    assert not _admin_formset(question, one_answer).is_valid()

    good = [{"order": "1", "text": "a", "is_correct": "on"}, {"order": "2", "text": "b"}]
    formset = _admin_formset(question, good)
    assert formset.is_valid(), formset.errors
    formset.save()
    assert question.answers.filter(is_correct=True).count() == 1


def test_admin_formset_can_move_the_right_answer():
    question = QuizQuestionFactory()
    a = QuizAnswer.objects.create(question=question, order=1, text="a", is_correct=True)
    b = QuizAnswer.objects.create(question=question, order=2, text="b", is_correct=False)
    rows = [
        {
            "id": str(b.pk),
            "question": str(question.pk),
            "order": "2",
            "text": "b",
            "is_correct": "on",
        },
        {"id": str(a.pk), "question": str(question.pk), "order": "1", "text": "a"},
    ]
    formset = _admin_formset(question, rows, initial=2)
    assert formset.is_valid(), formset.errors
    formset.save()
    assert list(question.answers.filter(is_correct=True)) == [b]


def test_shipped_quiz_is_loaded_by_the_migration():
    quiz = Quiz.objects.get(slug="de-duale-quiz")
    assert quiz.published
    questions = list(quiz.questions.prefetch_related("answers"))
    assert len(questions) >= 10
    for question in questions:
        check_question(question=question)
        assert question.explanation


def test_loader_inserts_only_missing_quizzes():
    quiz = Quiz.objects.get(slug="de-duale-quiz")
    quiz.title = "Door de coördinator aangepast"
    quiz.save()
    report = load_initial_quizzes()
    assert report.quizzes == 0 and report.skipped == ["de-duale-quiz"]
    quiz.refresh_from_db()
    assert quiz.title == "Door de coördinator aangepast"

    Quiz.objects.all().delete()
    assert load_initial_quizzes().quizzes == 1
    assert Quiz.objects.get(slug="de-duale-quiz").questions.count() >= 10
