from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "steunpunt.accounts"
    label = "accounts"
    verbose_name = _("Accounts en rollen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, dispatch_uid="accounts.ensure_role_groups")
