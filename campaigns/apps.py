from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campagnes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from steunpunt.core.sitemaps import register_sitemap

        from .campaign.figures import register_campaign_figures
        from .campaign.sitemaps import CampaignSitemap
        from .folders.figures import register_folder_figures
        from .kit.figures import register_kit_figures
        from .orders.figures import register_order_figures
        from .qr.figures import register_qr_figures

        # Figures for the dashboard, the POF annex and the public figures (core registry).
        register_order_figures()
        register_kit_figures()
        register_qr_figures()
        register_folder_figures()
        register_campaign_figures()
        register_sitemap("campaigns", CampaignSitemap)
