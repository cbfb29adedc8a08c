"""Campaign admin: calendar moments (and their reminders), the checklist, feedback and quotes."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from steunpunt.core.admin_base import PortalModelAdmin, PortalTabularInline

from . import calendar_services
from .models import Campaign, CampaignMoment, ChecklistItem, ChecklistTick, Feedback


@admin.register(CampaignMoment)
class CampaignMomentAdmin(PortalModelAdmin):
    list_display = [
        "title",
        "campaign",
        "date",
        "start_time",
        "audience",
        "remind_days_before",
        "reminders_queued",
        "has_reminder_error",
    ]
    list_filter = ["campaign", "audience"]
    search_fields = ["title", "what_to_do"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["reminders_queued_at", "reminders_queued", "reminder_error"]
    date_hierarchy = "date"

    @admin.display(boolean=True, description=_("fout bij herinneren"))
    def has_reminder_error(self, obj):
        return bool(obj.reminder_error)


class ChecklistTickInline(PortalTabularInline):
    model = ChecklistTick
    extra = 0
    fields = ["participation", "ticked_at", "ticked_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class DefaultChecklistForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Campagne"),
        queryset=Campaign.objects.order_by("-starts_on", "name"),
        error_messages={"required": _("Kies een campagne.")},
    )


@admin.register(ChecklistItem)
class ChecklistItemAdmin(PortalModelAdmin):
    """Each campaign has its own checklist; the nine points of the guide are one click away."""

    list_display = ["title", "campaign", "order"]
    list_editable = ["order"]
    list_filter = ["campaign"]
    search_fields = ["title"]
    inlines = [ChecklistTickInline]
    change_list_template = "campaigns/checklist/admin_change_list.html"

    def get_urls(self):
        return [
            path(
                "standaard/",
                self.admin_site.admin_view(self.add_defaults_view),
                name="campaigns_checklistitem_defaults",
            ),
            *super().get_urls(),
        ]

    def add_defaults_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = DefaultChecklistForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            campaign = form.cleaned_data["campaign"]
            added = calendar_services.add_default_checklist(campaign=campaign, actor=request.user)
            self.message_user(
                request,
                ngettext(
                    "%(count)d punt toegevoegd aan de checklist van %(campaign)s.",
                    "%(count)d punten toegevoegd aan de checklist van %(campaign)s.",
                    added,
                )
                % {"count": added, "campaign": campaign},
                messages.SUCCESS,
            )
            return redirect(
                reverse("admin:campaigns_checklistitem_changelist")
                + f"?campaign__id__exact={campaign.pk}"
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Standaardchecklist toevoegen"),
            "form": form,
            "points": [title for title, _explanation in calendar_services.DEFAULT_CHECKLIST],
        }
        return TemplateResponse(request, "campaigns/checklist/admin_add_defaults.html", context)


@admin.register(Feedback)
class FeedbackAdmin(PortalModelAdmin):
    """Coordinators read the reactions and pick quotes (only with consent) for the page."""

    list_display = [
        "short_text",
        "campaign",
        "author",
        "consent_to_quote",
        "is_quoted",
        "created_at",
    ]
    list_filter = ["campaign", "author", "consent_to_quote", "is_quoted"]
    search_fields = ["text", "signature"]
    fields = [
        "campaign",
        "author",
        "text",
        "signature",
        "school",
        "consent_to_quote",
        "is_quoted",
        "created_at",
    ]
    readonly_fields = ["campaign", "author", "text", "school", "consent_to_quote", "created_at"]
    actions = ["pick_quotes", "drop_quotes"]

    def has_add_permission(self, request):
        return False  # reactions come in through the public form only

    @admin.display(description=_("reactie"))
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 80 else obj.text[:79] + "…"

    def save_model(self, request, obj, form, change):
        # The form already refused a quote without consent (Feedback.clean).
        if "is_quoted" in form.changed_data:
            calendar_services.set_feedback_quoted(
                feedback=obj, quoted=obj.is_quoted, actor=request.user
            )
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Op de campagnepagina zetten (met toestemming)"))
    def pick_quotes(self, request, queryset):
        picked, refused = 0, 0
        for feedback in queryset:
            try:
                calendar_services.set_feedback_quoted(
                    feedback=feedback, quoted=True, actor=request.user
                )
                picked += 1
            except ValidationError:
                refused += 1
        if picked:
            self.message_user(
                request,
                ngettext(
                    "%d reactie staat nu op de campagnepagina.",
                    "%d reacties staan nu op de campagnepagina.",
                    picked,
                )
                % picked,
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%d reactie kreeg geen toestemming om te citeren en staat er niet op.",
                    "%d reacties kregen geen toestemming om te citeren en staan er niet op.",
                    refused,
                )
                % refused,
                messages.WARNING,
            )

    @admin.action(description=_("Van de campagnepagina halen"))
    def drop_quotes(self, request, queryset):
        for feedback in queryset:
            calendar_services.set_feedback_quoted(
                feedback=feedback, quoted=False, actor=request.user
            )
        self.message_user(request, _("De gekozen reacties staan niet meer op de pagina."))
