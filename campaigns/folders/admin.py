"""Campaign admin: folders (the schools' parent folders and the coordinators' batches).

Folders are made by the folder task, never typed in the admin: the rows are read-only here,
with the error of a failed folder and a link to the school's folder page.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from steunpunt.core.admin_base import PortalModelAdmin, PortalTabularInline

from ..models import FolderBatch, FolderBatchItem, ParentFolder


@admin.register(ParentFolder)
class ParentFolderAdmin(PortalModelAdmin):
    list_display = ["__str__", "status", "progress", "generated_at", "attempts"]
    list_filter = ["status", "participation__campaign"]
    search_fields = ["participation__school__name"]
    list_select_related = ["participation__school", "participation__campaign"]
    readonly_fields = [
        "participation",
        "status",
        "progress",
        "download",
        "pdf_hash",
        "generated_at",
        "attempts",
        "last_error",
        "logo",
        "personal_word",
    ]
    fields = readonly_fields

    @admin.display(description=_("PDF"))
    def download(self, obj):
        if not obj.pdf:
            return "–"
        url = reverse("campaigns:folder_download", kwargs={"uuid": obj.uuid})
        return format_html('<a href="{}">{}</a>', url, _("Download de folder"))

    def has_add_permission(self, request):
        return False  # made by the school's page or a batch

    def has_change_permission(self, request, obj=None):
        return False


class FolderBatchItemInline(PortalTabularInline):
    model = FolderBatchItem
    fields = ["folder", "status", "error", "finished_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FolderBatch)
class FolderBatchAdmin(PortalModelAdmin):
    list_display = ["__str__", "campaign", "started_by", "started_at"]
    list_filter = ["campaign"]
    readonly_fields = ["campaign", "started_by", "started_at"]
    inlines = [FolderBatchItemInline]

    def has_add_permission(self, request):
        return False  # started from the staff page of the campaign

    def has_change_permission(self, request, obj=None):
        return False
