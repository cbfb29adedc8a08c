"""Status changes are model methods that refuse illegal moves; services save them."""

import pytest
from django.core.exceptions import ValidationError

from steunpunt.inbox import services
from steunpunt.inbox.models import IllegalTransition, Question
from tests.factories import CompanyFactory, PartnerFactory
from tests.inbox.factories import QuestionFactory

pytestmark = pytest.mark.django_db
S = Question.Status


def test_the_happy_path(coordinator):
    question = QuestionFactory()
    partner = PartnerFactory(name="VDAB")
    question = services.start_question(question=question, actor=coordinator)
    assert question.status == S.IN_PROGRESS
    assert question.assigned_to == coordinator  # who starts, handles it
    question = services.refer_question(
        question=question, organisation=partner, reason="Werkzoekend, 19 jaar", actor=coordinator
    )
    assert question.status == S.REFERRED and question.referred_to == partner
    assert question.referred_at is not None
    question = services.close_question(question=question, actor=coordinator)
    assert question.status == S.CLOSED and question.closed_at is not None
    question = services.reopen_question(question=question, actor=coordinator)
    assert question.status == S.IN_PROGRESS and question.closed_at is None
    # Every change is in the audit trail, with who made it.
    assert question.history.filter(history_user=coordinator).count() == 4


@pytest.mark.parametrize(
    ("status", "move"),
    [
        (S.IN_PROGRESS, "start"),
        (S.CLOSED, "start"),
        (S.CLOSED, "close"),
        (S.NEW, "reopen"),
        (S.IN_PROGRESS, "reopen"),
        (S.CLOSED, "refer"),
    ],
)
def test_illegal_moves_are_refused(status, move):
    question = QuestionFactory()
    question.status = status
    if status == S.CLOSED:
        question.closed_at = question.created_at
    kwargs = {"organisation": PartnerFactory(), "reason": "x"} if move == "refer" else {}
    with pytest.raises(IllegalTransition):
        getattr(question, move)(**kwargs)
    assert question.status == status


def test_refer_needs_a_partner_organisation(coordinator):
    question = QuestionFactory()
    with pytest.raises(IllegalTransition):
        services.refer_question(
            question=question, organisation=CompanyFactory(), reason="x", actor=coordinator
        )
    question.refresh_from_db()
    assert question.status == S.NEW


def test_a_closed_question_cannot_be_answered(coordinator):
    question = services.close_question(question=QuestionFactory(), actor=coordinator)
    with pytest.raises(IllegalTransition):
        services.send_answer(question=question, body="Hallo", actor=coordinator)
    assert not question.answers.exists()


def test_email_or_phone_is_required():
    question = QuestionFactory.build(email="", phone="", reference="V-2026-00001")
    with pytest.raises(ValidationError):
        question.full_clean()


def test_database_refuses_a_question_without_consent():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionFactory(consent=False)
