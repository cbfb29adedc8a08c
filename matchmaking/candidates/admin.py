"""Admin of the candidate pipeline (Dutch): candidate companies and their hand-overs."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from steunpunt.core.admin_base import PortalModelAdmin, PortalTabularInline

from ..common.admin_actions import status_action
from ..models import CandidateCompany, CandidateReferral
from . import services


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
        status_action(services.move_candidate, "candidate", "mark_contacted", _("Gecontacteerd")),
        status_action(
            services.move_candidate, "candidate", "request_recognition", _("Erkenning aangevraagd")
        ),
        status_action(services.move_candidate, "candidate", "mark_recognised", _("Erkend")),
    ]

    def save_formset(self, request, form, formset, change):
        for referral in formset.save(commit=False):
            if referral.referred_by_id is None:
                referral.referred_by = request.user
            referral.save()
        for referral in formset.deleted_objects:
            referral.delete()
        formset.save_m2m()
