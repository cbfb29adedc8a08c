"""The inbox in the admin: search and filter, read the history, add internal notes.

Status changes, referrals and answers go through the coordinators' inbox pages (the
services), so here those fields are read-only; questions come in through the public forms.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from steunpunt.core.admin_base import PortalModelAdmin, PortalStackedInline, PortalTabularInline

from .models import Answer, InfoSessionDetails, Question, QuestionNote


class InfoSessionDetailsInline(PortalStackedInline):
    model = InfoSessionDetails
    extra = 0
    can_delete = False


class QuestionNoteInline(PortalTabularInline):
    model = QuestionNote
    extra = 1
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]


class AnswerInline(PortalStackedInline):
    model = Answer
    extra = 0
    can_delete = False
    fields = ["body", "sent_to", "author", "sent_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False  # answers are sent from the inbox page, which mails them


@admin.register(Question)
class QuestionAdmin(PortalModelAdmin, SimpleHistoryAdmin):
    list_display = [
        "reference",
        "kind",
        "audience",
        "status",
        "subregion",
        "assigned_to",
        "created_at",
        "first_answered_at",
    ]
    list_filter = ["status", "kind", "audience", "subregion", "assigned_to", "created_at"]
    list_select_related = ["subregion", "assigned_to"]
    search_fields = ["reference", "name", "email", "phone", "text"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["postcode"]
    readonly_fields = [
        "reference",
        "uuid",
        "status",
        "referred_to",
        "referral_reason",
        "consent",
        "consent_given_at",
        "created_at",
        "updated_at",
        "first_answered_at",
        "referred_at",
        "closed_at",
        "anonymised_at",
        "about_label",
        "about_link",
    ]
    fieldsets = [
        (None, {"fields": ["reference", "uuid", "kind", "audience", "status", "assigned_to"]}),
        (_("Vraag"), {"fields": ["text", "about_label", "about_link"]}),
        (
            _("Contactgegevens"),
            {
                "fields": [
                    "name",
                    "email",
                    "phone",
                    "postcode",
                    "subregion",
                    "consent",
                    "consent_given_at",
                ]
            },
        ),
        (_("Doorverwijzing"), {"fields": ["referred_to", "referral_reason", "referred_at"]}),
        (
            _("Tijdstippen"),
            {
                "fields": [
                    "created_at",
                    "updated_at",
                    "first_answered_at",
                    "closed_at",
                    "anonymised_at",
                ]
            },
        ),
    ]
    inlines = [InfoSessionDetailsInline, QuestionNoteInline, AnswerInline]

    @admin.display(description=_("link voor het Steunpunt"))
    def about_link(self, obj):
        if not obj.about_url:
            return "–"
        return format_html('<a href="{}">{}</a>', obj.about_url, obj.about_label or obj.about_url)

    def has_add_permission(self, request):
        return False  # questions come in through /contact/ and /infosessie-aanvragen/

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            if isinstance(obj, QuestionNote) and obj.author_id is None:
                obj.author = request.user
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()
