"""Campaigns, their materials (with files), the participating schools, the checklist, feedback
and quotes in the admin."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from steunpunt.core.admin_base import PortalModelAdmin, PortalTabularInline

from ..models import (
    Campaign,
    ChecklistItem,
    ChecklistTick,
    Feedback,
    MailOptOut,
    Material,
    MaterialFile,
    Participation,
)
from . import services


class MaterialInline(PortalTabularInline):
    model = Material
    extra = 0
    fields = ["order", "name", "slug", "kind", "category", "stock", "max_per_school"]
    prepopulated_fields = {"slug": ["name"]}
    show_change_link = True


@admin.register(Campaign)
class CampaignAdmin(PortalModelAdmin):
    list_display = ["name", "school_year", "starts_on", "ends_on", "status"]
    list_filter = ["status", "school_year"]
    search_fields = ["name", "slogan"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["kit_version", "created_at"]
    inlines = [MaterialInline]


class MaterialFileInline(PortalTabularInline):
    model = MaterialFile
    extra = 0
    fields = ["order", "label", "file", "size_bytes"]
    readonly_fields = ["size_bytes"]


@admin.register(Material)
class MaterialAdmin(PortalModelAdmin):
    list_display = ["name", "campaign", "kind", "category", "stock", "max_per_school"]
    list_filter = ["campaign", "kind", "category"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [MaterialFileInline]

    def save_formset(self, request, form, formset, change):
        """Files go through the kit services: their size is stored, and a changed digital file
        makes a new kit version (a new ZIP)."""
        if formset.model is not MaterialFile:
            return super().save_formset(request, form, formset, change)
        from ..kit.services import delete_material_file, save_material_file

        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            delete_material_file(material_file=obj, actor=request.user)
        for obj in instances:
            save_material_file(material_file=obj, actor=request.user)
        formset.save_m2m()

    def delete_model(self, request, obj):
        self.delete_queryset(request, Material.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        """Deleting digital material with files changes the kit of its campaign."""
        from ..kit.services import kit_files_changed

        changed = set(
            Campaign.objects.filter(
                materials__in=queryset.filter(kind=Material.Kind.DIGITAL, files__isnull=False)
            ).distinct()
        )
        super().delete_queryset(request, queryset)
        for campaign in changed:
            kit_files_changed(campaign=campaign, actor=request.user)


@admin.register(Participation)
class ParticipationAdmin(PortalModelAdmin):
    list_display = ["school", "campaign", "joined_at", "contact_person"]
    list_filter = ["campaign", "school__sites__postcode__subregion"]
    search_fields = ["school__name"]
    autocomplete_fields = ["school", "contact_person"]
    readonly_fields = ["uuid"]


@admin.register(MailOptOut)
class MailOptOutAdmin(PortalModelAdmin):
    """Coordinators see who unsubscribed and can delete a row to put someone back."""

    list_display = ["email", "opted_out_at"]
    search_fields = ["email"]
    readonly_fields = ["email", "opted_out_at"]

    def has_add_permission(self, request):
        return False


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
            added = services.add_default_checklist(campaign=campaign, actor=request.user)
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
            "points": [title for title, _explanation in services.DEFAULT_CHECKLIST],
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
            services.set_feedback_quoted(feedback=obj, quoted=obj.is_quoted, actor=request.user)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Op de campagnepagina zetten (met toestemming)"))
    def pick_quotes(self, request, queryset):
        picked, refused = 0, 0
        for feedback in queryset:
            try:
                services.set_feedback_quoted(feedback=feedback, quoted=True, actor=request.user)
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
            services.set_feedback_quoted(feedback=feedback, quoted=False, actor=request.user)
        self.message_user(request, _("De gekozen reacties staan niet meer op de pagina."))
