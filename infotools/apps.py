from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfotoolsConfig(AppConfig):
    """The public information tools: the class quiz ("De Duale Quiz") and the self-test."""

    name = "infotools"
    verbose_name = _("Quiz en zelftest")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from steunpunt.core.sitemaps import NamedPagesSitemap, register_sitemap

        from .quiz.figures import register_quiz_figures
        from .quiz.sitemaps import QuizSitemap
        from .selftest.figures import register_selftest_figures

        # Figures for the dashboard, the POF annex and the public figures (core registry).
        register_selftest_figures()
        register_quiz_figures()
        register_sitemap("quiz", QuizSitemap)
        register_sitemap("selftest", NamedPagesSitemap(["selftest:start"]))
