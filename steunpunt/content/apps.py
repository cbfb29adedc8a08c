from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "steunpunt.content"
    label = "content"
    verbose_name = _("Informatie voor het publiek")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from steunpunt.core.sitemaps import register_sitemap

        from .cache import bump_content_cache_version
        from .sitemaps import AudiencePageSitemap, ContentListsSitemap

        register_sitemap("audiences", AudiencePageSitemap)
        register_sitemap("content", ContentListsSitemap)
        from .models import AudiencePage, FaqEntry, GlossaryTerm

        # Cache invalidation only: no business logic in these receivers.
        for model in (AudiencePage, FaqEntry, GlossaryTerm):
            for signal in (post_save, post_delete):
                signal.connect(
                    bump_content_cache_version, sender=model, dispatch_uid=f"content-{model}"
                )
        m2m_changed.connect(
            bump_content_cache_version,
            sender=GlossaryTerm.see_also.through,
            dispatch_uid="content-see-also",
        )
