"""POF admin (Dutch): programmatie requests with their advice, and agenda PDF versions."""

from django.contrib import admin

from steunpunt.core.admin_base import PortalModelAdmin, PortalTabularInline

from .models import AgendaPdf, ProgrammatieRequest, RequestAttachment


class AttachmentInline(PortalTabularInline):
    model = RequestAttachment
    extra = 0
    fields = ["title", "file", "size"]
    readonly_fields = ["size"]


@admin.register(ProgrammatieRequest)
class ProgrammatieRequestAdmin(PortalModelAdmin):
    list_display = ["programme", "provider", "site", "school_year", "status", "advice"]
    list_filter = ["status", "advice", "school_year"]
    search_fields = ["programme__name", "provider__name"]
    autocomplete_fields = ["provider", "site", "programme", "partner_companies"]
    readonly_fields = ["submitted_at", "submitted_by", "advised_at", "forwarded_at"]
    inlines = [AttachmentInline]


@admin.register(AgendaPdf)
class AgendaPdfAdmin(PortalModelAdmin):
    list_display = ["meeting", "version", "status", "created_at", "mailed_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "file", "error", "requested_by", "finished_at", "mailed_at"]
