from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "steunpunt.dashboard"
    label = "dashboard"
    verbose_name = _("Dashboard en meetmomenten")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from steunpunt.core.sitemaps import NamedPagesSitemap, register_sitemap

        register_sitemap("figures", NamedPagesSitemap(["figures:index"]))
