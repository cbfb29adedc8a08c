from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("Matchmaking")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from steunpunt.core import demo

        from .demo import seed_matchmaking_demo

        demo.register_extension("matchmaking", seed_matchmaking_demo)
