from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from steunpunt.core.admin_base import PortalModelAdmin

from .models import User


@admin.register(User)
class UserAdmin(PortalModelAdmin, DjangoUserAdmin, SimpleHistoryAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoonsgegevens"), {"fields": ("first_name", "last_name")}),
        (
            _("Rollen en rechten"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Belangrijke data"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "password1", "password2", "groups")}),
    )

    # Nobody deletes their own account here: the history row of that deletion would name the
    # user it deletes (a foreign key that fails at commit on PostgreSQL), and the steunpunt
    # would be left without the coordinator who did it. Another coordinator can.

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.pk == request.user.pk:
            return False
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        if unquote(object_id) == str(request.user.pk):
            self.message_user(
                request,
                _(
                    "Je kunt je eigen account niet verwijderen. Vraag het aan een andere "
                    "coördinator, of zet het account op niet-actief."
                ),
                messages.ERROR,
            )
            return redirect(reverse("admin:accounts_user_change", args=[request.user.pk]))
        return super().delete_view(request, object_id, extra_context)
