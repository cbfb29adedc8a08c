from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "steunpunt.content"
    label = "content"
    verbose_name = _("Informatie voor het publiek")
    default_auto_field = "django.db.models.BigAutoField"
