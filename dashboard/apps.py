from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The highest layer: the only app that reads across the others, through the core's figure
    registry. The app label stays "dashboard" (tables, content types, permissions and
    migration dependencies were made under it when the app lived in steunpunt/)."""

    name = "dashboard"
    label = "dashboard"
    verbose_name = _("Dashboard en meetmomenten")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from steunpunt.core.frozen_figures import register_annex_provider
        from steunpunt.core.sitemaps import NamedPagesSitemap, register_sitemap

        from .public import frozen_annex

        register_sitemap("figures", NamedPagesSitemap(["figures:index"]))
        # The POF annex asks the core for the frozen figures; the dashboard answers.
        register_annex_provider(frozen_annex)
