"""What of the inbox can hold another person's data: a parent's question names the learner.

The inbox registers its rows in the core's personal-data registry (steunpunt/core/personal_data.py)
as mention holders: when a learner's data is exported or erased, every question, its audit
trail, notes and answers are searched for her names, e-mail addresses and phone numbers, shown
in the export and rewritten by the erasure. The asker's own data has its own retention
(`retention.anonymise_question`); these holders only touch the words that identify the person
being erased.
"""

from django.utils.translation import gettext_lazy as _

from steunpunt.core.personal_data import Holder, registry

from .models import Answer, InfoSessionDetails, Question, QuestionNote

QUESTION_TEXTS = ("name", "email", "phone", "text", "referral_reason")


def register_inbox_personal_data() -> None:
    HistoricalQuestion = Question.history.model
    HistoricalInfoSession = InfoSessionDetails.history.model
    for holder in (
        Holder(
            key="inbox.questions",
            title=_("Vragen aan het Steunpunt die deze persoon noemen"),
            model=Question,
            mention_fields=QUESTION_TEXTS,
            export_fields=("reference", "created_at", "name", "email", "phone", "text"),
            ordering=("created_at", "pk"),
        ),
        Holder(
            key="inbox.question_history",
            title=_("Geschiedenis van die vragen"),
            model=HistoricalQuestion,
            mention_fields=(*QUESTION_TEXTS, "history_change_reason"),
            export_fields=("reference", "history_date", "name", "email", "phone", "text"),
            ordering=("history_date", "history_id"),
        ),
        Holder(
            key="inbox.info_sessions",
            title=_("Aanvragen van infosessies die deze persoon noemen"),
            model=InfoSessionDetails,
            mention_fields=("organisation_name", "preferred_dates", "place"),
        ),
        Holder(
            key="inbox.info_session_history",
            title=_("Geschiedenis van die aanvragen"),
            model=HistoricalInfoSession,
            mention_fields=("organisation_name", "preferred_dates", "place"),
            ordering=("history_date", "history_id"),
        ),
        Holder(
            key="inbox.notes",
            title=_("Interne notities bij vragen die deze persoon noemen"),
            model=QuestionNote,
            mention_fields=("text",),
        ),
        Holder(
            key="inbox.answers",
            title=_("Antwoorden van het Steunpunt die deze persoon noemen"),
            model=Answer,
            mention_fields=("body", "sent_to"),
        ),
    ):
        registry.register(holder)
