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
        from .folders_figures import register_folder_figures
        from .kit_services import register_kit_figures
        from .orders_selectors import register_order_figures
        from .qr_services import register_qr_figures
        from .quiz_sitemaps import QuizSitemap
        from .reach_figures import register_quiz_figures
        from .selftest_services import register_selftest_figures

        # Figures for the dashboard, the POF annex and the public figures (core registry).
        register_selftest_figures()
        register_order_figures()
        register_kit_figures()
        register_qr_figures()
        register_folder_figures()
        register_calendar_figures()
        register_quiz_figures()
        register_sitemap("quiz", QuizSitemap)
        register_sitemap("selftest", NamedPagesSitemap(["selftest:start"]))
        register_sitemap("campaigns", CampaignSitemap)
