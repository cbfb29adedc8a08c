"""Campaign tools in the admin: the quizzes of "De Duale Quiz" (questions with 2–4 answers).

Class sessions are not in the admin: they hold pupils' nicknames for a few hours only. What
stays, the anonymous counts per answer, shows on each question.
"""

from django.contrib import admin
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from steunpunt.core.admin_base import PortalModelAdmin, PortalTabularInline

# One admin module per campaign tool (<tool>/admin.py); importing registers their models.
# isort: off
from .calendar import admin as calendar_admin  # noqa: F401
from .campaign import admin as campaign_admin  # noqa: F401
from .folders import admin as folders_admin  # noqa: F401
from .kit import admin as kit_admin  # noqa: F401
from .mailings import admin as mailings_admin  # noqa: F401
from .orders import admin as orders_admin  # noqa: F401
from .qr import admin as qr_admin  # noqa: F401

# isort: on
from .models import Quiz, QuizAnswer, QuizAnswerTally, QuizQuestion, QuizResponse, SelfTestTally
from .quiz_services import check_answer_set


class QuizAnswerFormSet(BaseInlineFormSet):
    """2 to 4 answers, exactly one right (the same check as the content loader)."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        answers = [
            (form.cleaned_data.get("text", ""), bool(form.cleaned_data.get("is_correct")))
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        check_answer_set(answers)

    def save(self, commit=True):
        # Moving the right answer from one row to another: clear the old one first, so the
        # "one right answer per question" constraint holds after every single statement.
        if commit:
            cleared = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk
                and form.cleaned_data
                and (form.cleaned_data.get("DELETE") or not form.cleaned_data.get("is_correct"))
            ]
            QuizAnswer.objects.filter(pk__in=cleared).update(is_correct=False)
        return super().save(commit=commit)


class QuizAnswerInline(PortalTabularInline):
    model = QuizAnswer
    formset = QuizAnswerFormSet
    fields = ["order", "text", "is_correct"]
    extra = 0
    min_num = QuizAnswer.MIN_PER_QUESTION
    max_num = QuizAnswer.MAX_PER_QUESTION


class QuizQuestionInline(PortalTabularInline):
    model = QuizQuestion
    fields = ["order", "text"]
    extra = 0
    show_change_link = True


@admin.register(Quiz)
class QuizAdmin(PortalModelAdmin):
    list_display = ["title", "slug", "published", "order"]
    list_editable = ["published", "order"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuizQuestionInline]


@admin.register(QuizQuestion)
class QuizQuestionAdmin(PortalModelAdmin):
    list_display = ["text", "quiz", "order"]
    list_filter = ["quiz"]
    search_fields = ["text", "explanation"]
    fields = ["quiz", "order", "text", "explanation", "image", "image_alt", "answer_counts"]
    readonly_fields = ["answer_counts"]
    inlines = [QuizAnswerInline]

    @admin.display(description=_("Zo vaak gekozen (klas + alleen)"))
    def answer_counts(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        tallies = {t.answer_id: t for t in QuizAnswerTally.objects.filter(answer__question=obj)}
        # Sessions still running: their answers are folded into the tallies on deletion.
        running = dict(
            QuizResponse.objects.filter(question=obj)
            .values("answer_id")
            .annotate(n=Count("id"))
            .values_list("answer_id", "n")
        )
        lines = []
        for answer in obj.answers.all():
            tally = tallies.get(answer.pk)
            class_count = (tally.class_count if tally else 0) + running.get(answer.pk, 0)
            solo_count = tally.solo_count if tally else 0
            lines.append(f"{answer.text}: {class_count} + {solo_count}")
        return "; ".join(lines) or "–"


# --- Zelftest: the anonymous counts per result and month (written by the self-test only) ---


@admin.register(SelfTestTally)
class SelfTestTallyAdmin(PortalModelAdmin):
    list_display = ["month", "result", "count"]
    list_filter = ["result"]
    date_hierarchy = "month"
    readonly_fields = ["result", "month", "count"]

    def has_add_permission(self, request):
        return False  # counted by campaigns.selftest_services.record_selftest_result

    def has_change_permission(self, request, obj=None):
        return False
