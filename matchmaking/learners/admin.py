"""Admin of the learners tool (Dutch): learners with their history and access log, and the
agreement register.

Status changes run through admin actions that call the services, so the workflow rules hold
here too; the status field itself is read-only. Opening a learner file in the admin is logged
like any other view of it.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from steunpunt.core.admin_base import PortalModelAdmin, PortalTabularInline

from ..common.admin_actions import status_action
from ..models import Agreement, Learner, LearnerAccess, LearnerWish
from . import services


class LearnerWishInline(PortalTabularInline):
    model = LearnerWish
    extra = 0
    autocomplete_fields = ["programme"]


class LearnerAccessInline(PortalTabularInline):
    model = LearnerAccess
    extra = 0
    fields = ["at", "user", "action", "what"]
    readonly_fields = fields
    can_delete = False
    max_num = 0
    verbose_name_plural = _("inzages (laatste eerst)")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Learner)
class LearnerAdmin(PortalModelAdmin, SimpleHistoryAdmin):
    list_display = ["full_name", "provider", "postcode", "status", "readiness", "status_changed_at"]
    list_filter = ["status", "readiness", "postcode__subregion", "provider"]
    search_fields = ["first_name", "last_name", "email", "provider__name"]
    list_select_related = ["provider", "postcode"]
    autocomplete_fields = ["postcode", "provider", "provider_site", "referred_to"]
    readonly_fields = [
        "uuid",
        "status",
        "status_changed_at",
        "screened_on",
        "screened_by",
        "ended_on",
        "end_reason",
        "referred_to",
        "referred_pathway",
        "referral_reason",
        "anonymised_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            _("Jongere"),
            {
                "fields": [
                    "first_name",
                    "last_name",
                    "birth_date",
                    "email",
                    "phone",
                    "street",
                    "postcode",
                ]
            },
        ),
        (_("Ouder of voogd"), {"fields": ["parent_name", "parent_email", "parent_phone"]}),
        (
            _("Opleiding"),
            {
                "fields": [
                    "provider",
                    "provider_site",
                    "programme_started_on",
                    "wished_start_date",
                ]
            },
        ),
        (
            _("Mobiliteit"),
            {"fields": ["max_distance_km", "transport_own", "transport_bike", "transport_public"]},
        ),
        (_("Screening"), {"fields": ["readiness", "screened_on", "screened_by"]}),
        (
            _("Doelgroep"),
            {
                "fields": [
                    "early_school_leaver",
                    "adult",
                    "no_qualification",
                    "buso",
                    "okan",
                    "aanloopfase",
                ]
            },
        ),
        (
            _("Toestemming en notities"),
            {"fields": ["consent_given_on", "consent_given_by", "notes"]},
        ),
        (
            _("Status"),
            {
                "fields": [
                    "status",
                    "status_changed_at",
                    "ended_on",
                    "end_reason",
                    "referred_to",
                    "referred_pathway",
                    "referral_reason",
                    "anonymised_at",
                    "uuid",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    inlines = [LearnerWishInline, LearnerAccessInline]
    actions = [
        status_action(services.move_learner, "learner", "start_search", _("Laten zoeken")),
        status_action(
            services.move_learner, "learner", "start_running", _("Gestart op de werkplek")
        ),
    ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        learner = self.get_object(request, object_id)
        if learner is not None and request.method == "GET":
            services.record_learner_access(learner=learner, user=request.user, what="admin")
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        learner = self.get_object(request, object_id)
        if learner is not None:
            services.record_learner_access(
                learner=learner, user=request.user, what="admin: historiek"
            )
        return super().history_view(request, object_id, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.record_learner_access(
            learner=obj,
            user=request.user,
            action=LearnerAccess.Action.CHANGE if change else LearnerAccess.Action.CREATE,
            what="admin",
        )


@admin.register(LearnerAccess)
class LearnerAccessAdmin(PortalModelAdmin):
    """The access log is written by the services only: read it, never type or delete it."""

    list_display = ["at", "learner", "user", "action", "what"]
    list_filter = ["action"]
    search_fields = ["learner__last_name", "user__email"]
    date_hierarchy = "at"
    list_select_related = ["learner", "user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Agreement)
class AgreementAdmin(PortalModelAdmin, SimpleHistoryAdmin):
    """The agreement register; new agreements come through the service (the learner follows)."""

    list_display = ["__str__", "type", "start_date", "end_date", "hours_per_week", "status"]
    list_filter = ["type", "status", "site__postcode__subregion", "programme"]
    search_fields = ["learner__last_name", "site__organisation__name", "programme__name"]
    list_select_related = ["learner", "site__organisation", "site__postcode"]
    autocomplete_fields = ["learner", "workplace", "site", "programme"]
    readonly_fields = ["uuid", "status", "end_reason", "registered_by", "created_at"]
    date_hierarchy = "start_date"

    def has_add_permission(self, request):
        return False
