from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("Matchmaking")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from steunpunt.core import demo
        from steunpunt.core.sitemaps import NamedPagesSitemap, register_sitemap

        from .demo import seed_matchmaking_demo
        from .figures import register_matchmaking_figures
        from .personal_data import register_learner_personal_data
        from .sitemaps import WorkplaceSitemap

        demo.register_extension("matchmaking", seed_matchmaking_demo)
        register_matchmaking_figures()
        register_learner_personal_data()
        register_sitemap(
            "workplace_pages",
            NamedPagesSitemap(["workplaces:list", "workplaces:become_workplace"]),
        )
        register_sitemap("workplaces", WorkplaceSitemap)
