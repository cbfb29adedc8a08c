"""Matchmaking admin (Dutch): learners with their history and access log, recognitions,
workplaces and the candidate-company pipeline.

Status changes run through admin actions that call the services, so the workflow rules hold
here too; the status field itself is read-only. Opening a learner file in the admin is logged
like any other view of it.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from steunpunt.core.admin_base import PortalModelAdmin, PortalTabularInline

from . import services
from .models import (
    Agreement,
    CandidateCompany,
    CandidateReferral,
    Learner,
    LearnerAccess,
    LearnerWish,
    Recognition,
    RecognitionWarning,
    Workplace,
)


def _report(modeladmin, request, done: int, errors: list[str]):
    if done:
        modeladmin.message_user(
            request,
            ngettext("%(n)d rij bijgewerkt.", "%(n)d rijen bijgewerkt.", done) % {"n": done},
            messages.SUCCESS,
        )
    for error in errors:
        modeladmin.message_user(request, error, messages.WARNING)


def _status_action(service, keyword: str, action: str, description):
    def run(modeladmin, request, queryset):
        done, errors = 0, []
        for obj in queryset.order_by("pk"):
            try:
                service(**{keyword: obj}, action=action, actor=request.user)
                done += 1
            except ValidationError as error:
                errors.append(f"{obj}: {' '.join(error.messages)}")
        _report(modeladmin, request, done, errors)

    run.__name__ = f"{action}_{keyword}"
    return admin.action(description=description)(run)


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
        _status_action(services.move_learner, "learner", "start_search", _("Laten zoeken")),
        _status_action(
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


@admin.register(Recognition)
class RecognitionAdmin(PortalModelAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "status", "reference", "valid_from", "valid_until"]
    list_filter = ["status", "site__postcode__subregion", "programme__study_domain"]
    search_fields = ["reference", "site__organisation__name", "programme__name"]
    list_select_related = ["site__organisation", "site__postcode", "programme"]
    autocomplete_fields = ["site", "programme", "mentors"]
    date_hierarchy = "valid_until"
    actions = ["withdraw"]

    def save_model(self, request, obj, form, change):
        """A recognition set to expired or withdrawn here closes its workplaces too."""
        super().save_model(request, obj, form, change)
        closed = services.close_workplaces_of(recognition=obj, actor=request.user)
        if closed:
            self.message_user(
                request,
                ngettext("%(n)d werkplek gesloten.", "%(n)d werkplekken gesloten.", closed)
                % {"n": closed},
                messages.WARNING,
            )

    @admin.action(description=_("Intrekken (en de werkplekken sluiten)"))
    def withdraw(self, request, queryset):
        done, errors = 0, []
        for recognition in queryset.order_by("pk"):
            try:
                services.withdraw_recognition(recognition=recognition, actor=request.user)
                done += 1
            except ValidationError as error:
                errors.append(f"{recognition}: {' '.join(error.messages)}")
        _report(self, request, done, errors)


@admin.register(Workplace)
class WorkplaceAdmin(PortalModelAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "places", "start_date", "hours_per_week", "status", "is_public"]
    list_filter = ["status", "is_public", "site__postcode__subregion", "programme"]
    search_fields = ["site__organisation__name", "programme__name", "description"]
    list_select_related = ["site__organisation", "site__postcode", "programme"]
    autocomplete_fields = ["site", "programme"]
    readonly_fields = ["uuid", "status", "created_at", "updated_at"]
    actions = [
        _status_action(services.move_workplace, "workplace", "mark_full", _("Volzet")),
        _status_action(services.move_workplace, "workplace", "reopen", _("Heropenen")),
        _status_action(services.move_workplace, "workplace", "close", _("Sluiten")),
    ]


class CandidateReferralInline(PortalTabularInline):
    """Read-only here: a hand-over is made on the candidate's page (/matchmaking/kandidaten/),
    which also mails the providers' contacts."""

    model = CandidateReferral
    extra = 0
    fields = ["referred_on", "providers", "referred_by", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CandidateCompany)
class CandidateCompanyAdmin(PortalModelAdmin, SimpleHistoryAdmin):
    list_display = ["company_name", "postcode", "sector", "status", "created_at"]
    list_filter = ["status", "postcode__subregion", "programmes"]
    search_fields = ["company_name", "enterprise_number", "contact_last_name", "contact_email"]
    list_select_related = ["postcode"]
    autocomplete_fields = ["postcode", "programmes", "organisation"]
    readonly_fields = ["uuid", "status", "status_changed_at", "not_pursued_reason", "created_at"]
    date_hierarchy = "created_at"
    inlines = [CandidateReferralInline]
    actions = [
        _status_action(services.move_candidate, "candidate", "mark_contacted", _("Gecontacteerd")),
        _status_action(
            services.move_candidate, "candidate", "request_recognition", _("Erkenning aangevraagd")
        ),
        _status_action(services.move_candidate, "candidate", "mark_recognised", _("Erkend")),
    ]

    def save_formset(self, request, form, formset, change):
        for referral in formset.save(commit=False):
            if referral.referred_by_id is None:
                referral.referred_by = request.user
            referral.save()
        for referral in formset.deleted_objects:
            referral.delete()
        formset.save_m2m()


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


@admin.register(RecognitionWarning)
class RecognitionWarningAdmin(PortalModelAdmin):
    """Which expiry warnings the nightly watch sent (read-only: the task writes them)."""

    list_display = ["recognition", "valid_until", "threshold_days", "warned_at"]
    list_filter = ["threshold_days"]
    search_fields = ["recognition__site__organisation__name", "recognition__reference"]
    readonly_fields = ["recognition", "threshold_days", "valid_until", "warned_at"]

    def has_add_permission(self, request):
        return False


from . import admin_runs  # noqa: E402, F401  (the matching runs)
