"""Admin of the companies tool (Dutch): recognitions, workplaces and the expiry warnings sent.

A recognition set to expired or withdrawn, and every workplace status change, goes through the
services, so the workflow rules hold here too.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from steunpunt.core.admin_base import PortalModelAdmin

from ..common.admin_actions import report_outcome, status_action
from ..models import Recognition, RecognitionWarning, Workplace
from . import services


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
        report_outcome(self, request, done, errors)


@admin.register(Workplace)
class WorkplaceAdmin(PortalModelAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "places", "start_date", "hours_per_week", "status", "is_public"]
    list_filter = ["status", "is_public", "site__postcode__subregion", "programme"]
    search_fields = ["site__organisation__name", "programme__name", "description"]
    list_select_related = ["site__organisation", "site__postcode", "programme"]
    autocomplete_fields = ["site", "programme"]
    readonly_fields = ["uuid", "status", "created_at", "updated_at"]
    actions = [
        status_action(services.move_workplace, "workplace", "mark_full", _("Volzet")),
        status_action(services.move_workplace, "workplace", "reopen", _("Heropenen")),
        status_action(services.move_workplace, "workplace", "close", _("Sluiten")),
    ]


@admin.register(RecognitionWarning)
class RecognitionWarningAdmin(PortalModelAdmin):
    """Which expiry warnings the nightly watch sent (read-only: the task writes them)."""

    list_display = ["recognition", "valid_until", "threshold_days", "warned_at"]
    list_filter = ["threshold_days"]
    search_fields = ["recognition__site__organisation__name", "recognition__reference"]
    readonly_fields = ["recognition", "threshold_days", "valid_until", "warned_at"]

    def has_add_permission(self, request):
        return False
