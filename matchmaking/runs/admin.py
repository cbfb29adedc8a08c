"""Admin of the matching runs (Dutch): runs and proposals to look up, read-only (they are
written by the run and the workflow); exclusions and fixed matches to manage by hand."""

from django.contrib import admin

from steunpunt.core.admin_base import PortalModelAdmin, PortalTabularInline

from ..models import (
    FixedMatch,
    MatchExclusion,
    MatchingRun,
    Proposal,
    ProposalTransition,
    UnmatchedLearner,
)


class ReadOnlyInline(PortalTabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class UnmatchedInline(ReadOnlyInline):
    model = UnmatchedLearner
    fields = ["learner", "reason"]
    readonly_fields = fields


@admin.register(MatchingRun)
class MatchingRunAdmin(PortalModelAdmin):
    list_display = [
        "created_at",
        "subregion",
        "dry_run",
        "status",
        "proposals_count",
        "unmatched_count",
    ]
    list_filter = ["status", "dry_run", "subregion"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "uuid",
        "subregion",
        "dry_run",
        "status",
        "progress",
        "step",
        "weights",
        "learners_count",
        "places_count",
        "proposals_count",
        "unmatched_count",
        "attempts",
        "error",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
    ]
    inlines = [UnmatchedInline]

    def has_add_permission(self, request):
        return False


class TransitionInline(ReadOnlyInline):
    model = ProposalTransition
    fields = ["at", "from_status", "to_status", "by", "note"]
    readonly_fields = fields


@admin.register(Proposal)
class ProposalAdmin(PortalModelAdmin):
    list_display = ["learner", "workplace", "status", "fixed", "cost", "status_changed_at"]
    list_filter = ["status", "fixed"]
    search_fields = [
        "learner__last_name",
        "learner__first_name",
        "workplace__site__organisation__name",
    ]
    list_select_related = ["learner", "workplace__site__organisation", "workplace__programme"]
    readonly_fields = [
        "uuid",
        "run",
        "learner",
        "workplace",
        "cost",
        "explanation",
        "fixed",
        "status",
        "introduction_on",
        "agreement",
        "end_reason",
        "status_changed_at",
    ]
    inlines = [TransitionInline]

    def has_add_permission(self, request):
        return False


@admin.register(MatchExclusion)
class MatchExclusionAdmin(PortalModelAdmin):
    list_display = ["learner", "company", "created_at", "created_by"]
    search_fields = ["learner__last_name", "company__name", "reason"]
    autocomplete_fields = ["learner", "company"]
    readonly_fields = ["created_by", "created_at"]
    list_select_related = ["learner", "company", "created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(FixedMatch)
class FixedMatchAdmin(PortalModelAdmin):
    list_display = ["learner", "workplace", "created_at", "created_by"]
    search_fields = ["learner__last_name", "workplace__site__organisation__name"]
    autocomplete_fields = ["learner", "workplace"]
    readonly_fields = ["created_by", "created_at"]
    list_select_related = ["learner", "workplace__site__organisation", "workplace__programme"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
