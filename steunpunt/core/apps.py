from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "steunpunt.core"
    label = "core"
    verbose_name = _("Kern: referentiegegevens en organisaties")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from celery.signals import task_failure

        from . import figures
        from .jobs import record_task_failure

        task_failure.connect(record_task_failure, dispatch_uid="core.record_task_failure")
        figures.register_core_figures()
