from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("Matchmaking")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from steunpunt.core import demo
        from steunpunt.core.sitemaps import NamedPagesSitemap, register_sitemap

        from .candidates import figures as candidate_figures
        from .companies import figures as company_figures
        from .demo.seed import seed_matchmaking_demo
        from .learners import figures as learner_figures
        from .learners.personal_data import register_learner_personal_data
        from .lists import figures as list_figures
        from .public import figures as public_figures
        from .public.sitemaps import WorkplaceSitemap

        demo.register_extension("matchmaking", seed_matchmaking_demo)
        for figures in (
            learner_figures,
            company_figures,
            candidate_figures,
            public_figures,
            list_figures,
        ):
            figures.register_figures()
        register_learner_personal_data()
        register_sitemap(
            "workplace_pages",
            NamedPagesSitemap(["workplaces:list", "workplaces:become_workplace"]),
        )
        register_sitemap("workplaces", WorkplaceSitemap)
