"""Calendar moments (and their reminders) in the admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from steunpunt.core.admin_base import PortalModelAdmin

from ..models import CampaignMoment


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
