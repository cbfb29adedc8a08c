from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Netwerk Duaal Leren")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from steunpunt.core.sitemaps import NamedPagesSitemap, register_sitemap

        from .practices.sitemaps import GoodPracticeSitemap

        register_sitemap("practice_pages", NamedPagesSitemap(["practices:list"]))
        register_sitemap("practices", GoodPracticeSitemap)
