from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    name = "steunpunt.inbox"
    label = "inbox"
    verbose_name = _("Vragen en doorverwijzingen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from steunpunt.core.sitemaps import NamedPagesSitemap, register_sitemap

        from .figures import register_inbox_figures
        from .personal_data import register_inbox_personal_data

        register_inbox_figures()
        register_inbox_personal_data()
        register_sitemap(
            "inbox", NamedPagesSitemap(["inbox:contact", "inbox:info_session_request"])
        )
