"""Access scoping for the inbox (the pattern of steunpunt.core.access).

Only coordinators handle questions; everyone else gets a 404 from the helper (the views also
declare the coordinator role, so in practice they see a 403 before reaching it).
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from steunpunt.accounts.roles import is_coordinator

from .models import Question


def questions_for_user(user) -> QuerySet[Question]:
    if is_coordinator(user):
        return Question.objects.all()
    return Question.objects.none()


def get_question_for_user(user, uuid) -> Question:
    return get_object_or_404(
        questions_for_user(user).select_related(
            "postcode", "subregion", "assigned_to", "referred_to", "info_session"
        ),
        uuid=uuid,
    )
