"""Campaign admin: the ZIPs of the digital kit (status, errors, start again) and the counts."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from steunpunt.core.admin_base import PortalModelAdmin

from ..models import KitArchive, KitDownloadCount
from .services import retry_kit_archive


@admin.register(KitArchive)
class KitArchiveAdmin(PortalModelAdmin):
    """Made by the worker; a coordinator sees what happened and can start a failed one again."""

    list_display = ["campaign", "version", "status", "size_bytes", "file_count", "attempts"]
    list_filter = ["status", "campaign"]
    readonly_fields = [
        "campaign",
        "version",
        "status",
        "file",
        "size_bytes",
        "file_count",
        "attempts",
        "last_error",
        "created_at",
        "started_at",
        "finished_at",
    ]
    actions = ["start_again"]

    def has_add_permission(self, request):
        return False  # asked for by the kit page and by changes to the digital files

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Mislukte ZIP's opnieuw maken"))
    def start_again(self, request, queryset):
        started = 0
        for archive in queryset:
            try:
                retry_kit_archive(archive=archive, actor=request.user)
            except ValidationError:
                continue
            started += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d ZIP wordt opnieuw gemaakt.",
                "%(count)d ZIP's worden opnieuw gemaakt.",
                started,
            )
            % {"count": started},
            messages.SUCCESS if started else messages.WARNING,
        )


@admin.register(KitDownloadCount)
class KitDownloadCountAdmin(PortalModelAdmin):
    """Anonymous counts, written by the downloads only."""

    list_display = ["day", "campaign", "material", "school", "count"]
    list_filter = ["campaign"]
    date_hierarchy = "day"
    list_select_related = ["campaign", "material", "school"]
    readonly_fields = ["campaign", "material", "school", "day", "count"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
