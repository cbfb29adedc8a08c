"""Campaign admin: mailings (read-only; they are composed and sent on the staff pages)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from steunpunt.core.admin_base import PortalModelAdmin

from ..models import Mailing


@admin.register(Mailing)
class MailingAdmin(PortalModelAdmin):
    list_display = ["subject", "campaign", "segment", "status", "sent_at", "recipients_link"]
    list_filter = ["status", "segment", "campaign"]
    list_select_related = ["campaign"]
    search_fields = ["subject", "body"]
    fields = [
        "campaign",
        "subject",
        "body",
        "segment",
        "subregion",
        "schools",
        "materials",
        "status",
        "created_by",
        "created_at",
        "sent_by",
        "sent_at",
        "recipients_link",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # composed on the staff page (campaigns:mailing_create)

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("per ontvanger"))
    def recipients_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("campaigns:mailing_detail", kwargs={"uuid": obj.uuid}),
            _("Status per ontvanger en opnieuw versturen"),
        )
