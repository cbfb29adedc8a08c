# The packages' admin modules first: their registrations are replaced at the end of this file.
import allauth.account.admin  # noqa: F401
import allauth.mfa.admin  # noqa: F401
import django.contrib.auth.admin  # noqa: F401
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .admin_base import (
    PortalAdminMixin,
    PortalModelAdmin,
    PortalStackedInline,
    PortalTabularInline,
    adopt_registered_admin,
)
from .models import (
    JobFailure,
    Membership,
    Municipality,
    MunicipalityAlias,
    Organisation,
    OutboxMessage,
    Person,
    Postcode,
    Programme,
    ProgrammeOffer,
    Site,
    StudyDomain,
    Subregion,
)
from .resources import OrganisationResource, PersonResource, ProgrammeOfferResource, SiteResource
from .services import move_municipality


class HistoryImportExportAdmin(PortalModelAdmin, ImportExportModelAdmin, SimpleHistoryAdmin):
    """Import/export with preview, and the audit trail ("Geschiedenis") of every change."""


@admin.register(Subregion)
class SubregionAdmin(PortalModelAdmin):
    list_display = ["name", "arrondissements", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class MunicipalityAliasInline(PortalTabularInline):
    model = MunicipalityAlias
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(PortalModelAdmin):
    list_display = ["name", "nis_code", "arrondissement", "subregion"]
    list_filter = ["subregion", "arrondissement"]
    list_select_related = ["subregion"]
    search_fields = ["name", "nis_code", "aliases__name"]
    inlines = [MunicipalityAliasInline]

    def save_model(self, request, obj, form, change):
        if change and "subregion" in form.changed_data:
            move_municipality(municipality=obj, subregion=obj.subregion, actor=request.user)
        super().save_model(request, obj, form, change)


@admin.register(Postcode)
class PostcodeAdmin(PortalModelAdmin):
    list_display = ["code", "locality", "municipality", "subregion", "latitude", "longitude"]
    list_filter = ["subregion", "is_main_locality"]
    list_select_related = ["municipality", "subregion"]
    search_fields = ["code", "locality"]
    autocomplete_fields = ["municipality"]


@admin.register(StudyDomain)
class StudyDomainAdmin(PortalModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["name"]


@admin.register(Programme)
class ProgrammeAdmin(PortalModelAdmin, SimpleHistoryAdmin):
    list_display = [
        "name",
        "code",
        "grade",
        "finality",
        "study_domain",
        "education_form",
        "segment",
        "active",
    ]
    list_filter = [
        "segment",
        "grade",
        "finality",
        "education_form",
        "study_domain",
        "is_buso",
        "from_catalogue",
        "active",
    ]
    list_select_related = ["study_domain"]
    search_fields = ["name", "code", "search_text"]
    readonly_fields = ["from_catalogue"]
    prepopulated_fields = {"slug": ["name"]}


class SiteInline(PortalStackedInline):
    model = Site
    extra = 0
    autocomplete_fields = ["postcode"]
    show_change_link = True


class MembershipInline(PortalTabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "organisation"]


@admin.register(Organisation)
class OrganisationAdmin(HistoryImportExportAdmin):
    resource_classes = [OrganisationResource]
    list_display = ["name", "kind", "network", "enterprise_number_display", "active"]
    list_filter = ["kind", "network", "active", "sites__postcode__subregion"]
    search_fields = ["name", "short_name", "enterprise_number", "external_ref"]
    readonly_fields = ["uuid", "created_at", "updated_at"]
    inlines = [SiteInline, MembershipInline]

    @admin.display(description=_("ondernemingsnummer"), ordering="enterprise_number")
    def enterprise_number_display(self, obj):
        return obj.enterprise_number_display


class ProgrammeOfferInline(PortalTabularInline):
    model = ProgrammeOffer
    extra = 0
    autocomplete_fields = ["programme"]


@admin.register(Site)
class SiteAdmin(HistoryImportExportAdmin):
    resource_classes = [SiteResource]
    list_display = ["__str__", "organisation", "street", "postcode", "subregion_name", "is_main"]
    list_filter = ["postcode__subregion", "organisation__kind", "is_main", "active"]
    list_select_related = ["organisation", "postcode__subregion"]
    search_fields = [
        "name",
        "organisation__name",
        "street",
        "postcode__code",
        "postcode__locality",
        "external_ref",
    ]
    autocomplete_fields = ["organisation", "postcode"]
    readonly_fields = ["uuid"]
    inlines = [ProgrammeOfferInline]

    @admin.display(description=_("subregio"), ordering="postcode__subregion__name")
    def subregion_name(self, obj):
        return obj.postcode.subregion or "–"


@admin.register(Person)
class PersonAdmin(HistoryImportExportAdmin):
    resource_classes = [PersonResource]
    list_display = ["full_name", "email", "phone", "user", "accepts_newsletters"]
    list_filter = ["accepts_newsletters", "accepts_invitations", "memberships__organisation__kind"]
    list_select_related = ["user"]
    search_fields = ["first_name", "last_name", "email", "external_ref"]
    autocomplete_fields = ["user"]
    readonly_fields = ["uuid", "created_at"]
    inlines = [MembershipInline]

    @admin.display(description=_("naam"), ordering="last_name")
    def full_name(self, obj):
        return obj.full_name


@admin.register(Membership)
class MembershipAdmin(PortalModelAdmin, SimpleHistoryAdmin):
    list_display = ["person", "organisation", "function", "is_primary_contact", "ended_on"]
    list_filter = ["organisation__kind", "is_primary_contact"]
    list_select_related = ["person", "organisation"]
    search_fields = ["person__last_name", "person__first_name", "organisation__name", "function"]
    autocomplete_fields = ["person", "organisation"]


@admin.register(ProgrammeOffer)
class ProgrammeOfferAdmin(HistoryImportExportAdmin):
    resource_classes = [ProgrammeOfferResource]
    list_display = ["programme", "site", "school_year", "active"]
    list_filter = ["active", "school_year", "site__postcode__subregion", "programme__study_domain"]
    list_select_related = ["programme", "site__organisation", "site__postcode"]
    search_fields = ["programme__name", "programme__code", "site__organisation__name"]
    autocomplete_fields = ["programme", "site"]


@admin.register(JobFailure)
class JobFailureAdmin(PortalModelAdmin):
    list_display = ["task_name", "exception", "occurred_at", "resolved"]
    list_filter = ["resolved", "task_name"]
    list_editable = ["resolved"]
    search_fields = ["task_name", "task_id", "exception"]
    readonly_fields = ["task_name", "task_id", "arguments", "exception", "traceback", "occurred_at"]

    def has_add_permission(self, request):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(PortalModelAdmin):
    """Read-only: what the outbox did per recipient. Failed rows can be sent again."""

    list_display = [
        "recipient_email",
        "subject",
        "batch",
        "status",
        "attempts",
        "sent_at",
        "short_error",
    ]
    list_filter = ["status", "batch"]
    search_fields = ["recipient_email", "recipient_name", "subject", "batch"]
    date_hierarchy = "created_at"
    actions = ["resend_failed"]
    fields = [
        "batch",
        "recipient_email",
        "recipient_name",
        "subject",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "claimed_at",
        "handed_over_at",
        "next_attempt_at",
        "sent_at",
        "message_id",
        "priority",
        "body",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # rows come from steunpunt.core.outbox.enqueue_messages only

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("tekst"))
    def body(self, obj):
        """A login code or reset link is the recipient's alone, not the coordinator's."""
        if obj.confidential:
            return _("(Verborgen: deze e-mail bevat een inlogcode of een persoonlijke link.)")
        return obj.body_text

    @admin.display(description=_("laatste fout"))
    def short_error(self, obj):
        return (obj.last_error[:80] + "…") if len(obj.last_error) > 80 else obj.last_error or "–"

    @admin.action(description=_("Mislukte e-mails opnieuw versturen"))
    def resend_failed(self, request, queryset):
        from .outbox import resend

        count = resend(messages=queryset, actor=request.user)
        self.message_user(
            request, _("%(count)d e-mail(s) staan opnieuw in de wachtrij.") % {"count": count}
        )


# --- The packages' admins, on the portal's base too -------------------------------------------


class PeriodicTaskForm(beat_admin.PeriodicTaskForm):
    def clean(self):
        # django_celery_beat's clean reads cleaned_data["task"], which is not there when the
        # posted task name was refused (too long): a KeyError, so a 500.
        if not self.cleaned_data.get("regtask") and not self.cleaned_data.get("task"):
            if "task" not in self.errors:
                self.add_error(
                    "task", _("Kies een geregistreerde taak of vul de naam van een taak in.")
                )
            return self.cleaned_data
        return super().clean()


class PeriodicTaskAdmin(PortalAdminMixin, beat_admin.PeriodicTaskAdmin):
    form = PeriodicTaskForm


adopt_registered_admin(PeriodicTask, PeriodicTaskAdmin)
for _model in (
    Group,
    EmailAddress,
    Authenticator,
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    SolarSchedule,
):
    adopt_registered_admin(_model)
