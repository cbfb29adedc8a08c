from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campagnes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from steunpunt.core.sitemaps import NamedPagesSitemap, register_sitemap

        from .calendar_figures import register_calendar_figures
        from .calendar_sitemaps import CampaignSitemap
        from .quiz_sitemaps import QuizSitemap
        from .selftest_services import register_selftest_figures

        register_selftest_figures()
        register_sitemap("quiz", QuizSitemap)
        register_sitemap("selftest", NamedPagesSitemap(["selftest:start"]))
        register_calendar_figures()
        register_sitemap("campaigns", CampaignSitemap)
