from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "steunpunt.core"
    label = "core"
    verbose_name = _("Kern: referentiegegevens en organisaties")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from celery.signals import task_failure
        from django.db.backends.signals import connection_created

        # tasks: dispatch_outbox registered in every process (web included), so the outbox's
        # queue_dispatch (which queues it by name) runs it in-process in eager mode.
        from . import figures, personal_data, tasks  # noqa: F401
        from .figure_groups import register_sqlite_median
        from .jobs import record_task_failure

        task_failure.connect(record_task_failure, dispatch_uid="core.record_task_failure")
        connection_created.connect(register_sqlite_median, dispatch_uid="core.sqlite_median")
        figures.register_core_figures()
        personal_data.register_core_holders()
