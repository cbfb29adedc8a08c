"""Campaigns, their materials (with files) and the participating schools in the admin."""

from django.contrib import admin
from django.db import models

from steunpunt.core.admin_base import PortalModelAdmin, PortalTabularInline

from .models import Campaign, MailOptOut, Material, MaterialFile, Participation


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
        from .kit_services import delete_material_file, save_material_file

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
        from .kit_services import kit_files_changed

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
