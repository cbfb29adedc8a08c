from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campagnes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from steunpunt.core.sitemaps import register_sitemap

        from .calendar_figures import register_calendar_figures
        from .calendar_sitemaps import CampaignSitemap
        from .folders_figures import register_folder_figures
        from .kit_services import register_kit_figures
        from .orders_selectors import register_order_figures
        from .qr_services import register_qr_figures

        # Figures for the dashboard, the POF annex and the public figures (core registry).
        register_order_figures()
        register_kit_figures()
        register_qr_figures()
        register_folder_figures()
        register_calendar_figures()
        register_sitemap("campaigns", CampaignSitemap)
