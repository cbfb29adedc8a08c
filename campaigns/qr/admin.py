"""Campaign admin: the info point's panels (each saved through the service, so it gets its
general QR code), the codes and their scan counts (written by the scans only)."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from steunpunt.core.admin_base import PortalModelAdmin, PortalTabularInline

from ..models import InfoPanel, QrCode, QrScanCount
from .services import save_info_panel, short_url_display


class QrCodeInline(PortalTabularInline):
    model = QrCode
    fields = ["code", "participation", "short_link"]
    readonly_fields = ["code", "participation", "short_link"]
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("korte link"))
    def short_link(self, obj):
        return short_url_display(obj) if obj.pk else "–"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participation__school")


@admin.register(InfoPanel)
class InfoPanelAdmin(PortalModelAdmin):
    list_display = ["title", "campaign", "order", "target_url", "target_path"]
    list_filter = ["campaign"]
    search_fields = ["title", "text"]
    fields = ["campaign", "order", "title", "text", "target_url", "target_path"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [QrCodeInline]

    def save_model(self, request, obj, form, change):
        save_info_panel(panel=obj, actor=request.user)


@admin.register(QrCode)
class QrCodeAdmin(PortalModelAdmin):
    list_display = ["code", "panel", "participation", "created_at"]
    list_filter = ["panel__campaign"]
    search_fields = ["code", "participation__school__name"]
    list_select_related = ["panel", "participation__school", "participation__campaign"]
    readonly_fields = ["code", "panel", "participation", "created_at"]

    def has_add_permission(self, request):
        return False  # made per panel and per school kit by the services

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(QrScanCount)
class QrScanCountAdmin(PortalModelAdmin):
    list_display = ["day", "qr_code", "count"]
    list_filter = ["qr_code__panel__campaign"]
    date_hierarchy = "day"
    list_select_related = ["qr_code"]
    readonly_fields = ["qr_code", "day", "count"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
