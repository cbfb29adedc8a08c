"""Dashboard admin (Dutch): measurement moments with their values and imports (read-only: the
services write them, so a final moment never changes)."""

from django.contrib import admin

from steunpunt.core.admin_base import PortalModelAdmin

from .models import FigureImport, FigureValue, MeasurementMoment


@admin.register(MeasurementMoment)
class MeasurementMomentAdmin(PortalModelAdmin):
    list_display = ["name", "date", "status", "computed_at", "finalised_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "computed_at", "finalised_at", "finalised_by"]

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or not obj.is_final)


@admin.register(FigureValue)
class FigureValueAdmin(PortalModelAdmin):
    list_display = ["figure", "dimension", "key_label", "value", "source", "moment"]
    list_filter = ["moment", "source", "dimension"]
    search_fields = ["figure", "key", "key_label"]
    readonly_fields = [f.name for f in FigureValue._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FigureImport)
class FigureImportAdmin(PortalModelAdmin):
    list_display = ["file_name", "moment", "source", "status", "uploaded_by", "uploaded_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in FigureImport._meta.fields]

    def has_add_permission(self, request):
        return False
