"""Netwerk admin (Dutch): bodies with their mandates and delegates, meetings with agenda,
documents, invitations, attendance and minutes, actions, events and good practices.

Coordinators and the POF secretariat manage these. Invitation tokens and registration tokens
are never shown: they are the key of a personal link.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from steunpunt.core.admin_base import PortalModelAdmin, PortalTabularInline

from .models import (
    Action,
    AgendaItem,
    Attendance,
    Body,
    Delegate,
    Event,
    EventRegistration,
    GoodPractice,
    Invitation,
    Mandate,
    Meeting,
    MeetingDocument,
    Minutes,
)


class MandateInline(PortalTabularInline):
    model = Mandate
    extra = 0
    autocomplete_fields = ["organisation"]
    show_change_link = True


@admin.register(Body)
class BodyAdmin(PortalModelAdmin):
    list_display = ["name", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MandateInline]


class DelegateInline(PortalTabularInline):
    model = Delegate
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Mandate)
class MandateAdmin(PortalModelAdmin):
    list_display = ["organisation", "body", "role", "started_on", "ended_on"]
    list_filter = ["body", "role"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]
    inlines = [DelegateInline]


class AgendaItemInline(PortalTabularInline):
    model = AgendaItem
    extra = 0
    fields = [
        "position",
        "parent",
        "kind",
        "title",
        "duration_minutes",
        "presenter_text",
        "internal",
    ]
    fk_name = "meeting"


class DocumentInline(PortalTabularInline):
    model = MeetingDocument
    extra = 0
    fields = ["title", "kind", "file", "size"]
    readonly_fields = ["size"]


class InvitationInline(PortalTabularInline):
    model = Invitation
    extra = 0
    fields = ["person", "organisation", "email", "response", "sent_at", "opened_at", "answered_at"]
    readonly_fields = ["sent_at", "opened_at", "answered_at"]
    autocomplete_fields = ["person", "organisation"]


@admin.register(Meeting)
class MeetingAdmin(PortalModelAdmin):
    list_display = ["title", "body", "starts_at", "status"]
    list_filter = ["body", "status"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    readonly_fields = ["sequence", "cloned_from", "created_by", "created_at", "updated_at"]
    inlines = [AgendaItemInline, DocumentInline, InvitationInline]


@admin.register(Attendance)
class AttendanceAdmin(PortalModelAdmin):
    list_display = ["display_name", "organisation", "meeting", "status"]
    list_filter = ["status", "meeting__body"]
    search_fields = ["name", "person__last_name", "organisation__name"]
    autocomplete_fields = ["person", "organisation", "substitute_for"]
    readonly_fields = ["recorded_by", "recorded_at"]


@admin.register(Minutes)
class MinutesAdmin(PortalModelAdmin):
    list_display = ["meeting", "published_at"]
    readonly_fields = ["published_at", "published_by"]


@admin.register(Action)
class ActionAdmin(PortalModelAdmin):
    list_display = ["title", "owner", "owner_organisation", "due_on", "status", "meeting"]
    list_filter = ["status", "meeting__body"]
    search_fields = ["title", "owner__last_name", "owner_organisation__name"]
    autocomplete_fields = ["owner", "owner_organisation"]


class RegistrationInline(PortalTabularInline):
    model = EventRegistration
    extra = 0
    fields = ["name", "organisation", "email", "status", "registered_at", "promoted_at"]
    readonly_fields = ["registered_at", "promoted_at"]


@admin.register(Event)
class EventAdmin(PortalModelAdmin):
    list_display = ["title", "kind", "starts_at", "capacity", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [RegistrationInline]


@admin.register(EventRegistration)
class EventRegistrationAdmin(PortalModelAdmin):
    list_display = ["name", "organisation", "event", "status", "registered_at"]
    list_filter = ["status", "event"]
    search_fields = ["name", "email", "organisation"]
    readonly_fields = ["consent_given_at", "registered_at", "promoted_at", "cancelled_at"]


@admin.register(GoodPractice)
class GoodPracticeAdmin(PortalModelAdmin):
    list_display = [
        "title",
        "company_name",
        "programme",
        "subregion",
        "is_published",
        "contact_public",
    ]
    list_filter = ["is_published", "subregion"]
    search_fields = ["title", "company_name", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["company", "programme"]

    @admin.display(description=_("contact publiek"), boolean=True)
    def contact_public(self, obj):
        return obj.public_contact is not None
