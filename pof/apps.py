from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PofConfig(AppConfig):
    name = "pof"
    verbose_name = _("Provinciaal Overlegforum (POF)")
    default_auto_field = "django.db.models.BigAutoField"
