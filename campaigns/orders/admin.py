"""Campaign admin: school orders.

Orders come in through the school's order form only (the stock is reserved there), so the admin
cannot add one, and the workflow runs through admin actions that call the services (a mail to
the school at each step). Refusing needs a reason: that is done on the staff order page.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from steunpunt.core.admin_base import PortalModelAdmin, PortalTabularInline

from ..models import Order, OrderLine
from . import services


class OrderLineInline(PortalTabularInline):
    model = OrderLine
    extra = 0
    fields = ["material", "quantity"]
    readonly_fields = ["material", "quantity"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _transition_action(action: str, description):
    def run(modeladmin, request, queryset):
        done, errors = services.bulk_transition(
            orders=queryset.order_by("pk"), action=action, actor=request.user
        )
        if done:
            modeladmin.message_user(
                request,
                ngettext("%(n)d bestelling bijgewerkt.", "%(n)d bestellingen bijgewerkt.", done)
                % {"n": done},
                messages.SUCCESS,
            )
        for error in errors:
            modeladmin.message_user(request, error, messages.WARNING)

    run.__name__ = f"{action}_orders"
    return admin.action(description=description)(run)


@admin.register(Order)
class OrderAdmin(PortalModelAdmin):
    list_display = ["__str__", "campaign", "status", "created_at", "wished_date"]
    list_filter = ["status", "campaign", "site__postcode__subregion"]
    search_fields = ["school__name", "remarks"]
    date_hierarchy = "created_at"
    list_select_related = ["campaign", "school"]
    fields = [
        "campaign",
        "school",
        "site",
        "status",
        "wished_date",
        "remarks",
        "refusal_reason",
        "placed_by",
        "created_at",
        "approved_at",
        "refused_at",
        "shipped_at",
        "delivered_at",
    ]
    readonly_fields = fields
    inlines = [OrderLineInline]
    actions = [
        _transition_action("approve", _("Goedkeuren (mail naar de school)")),
        _transition_action("ship", _("Markeer als verzonden (mail naar de school)")),
        _transition_action("deliver", _("Markeer als geleverd (mail naar de school)")),
    ]

    def has_add_permission(self, request):
        return False  # only the school's order form reserves stock

    def has_delete_permission(self, request, obj=None):
        return False  # refuse instead: that gives the stock back
