from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from campaigns.quiz_sitemaps import QuizSitemap
from steunpunt.content.sitemaps import AudiencePageSitemap, ContentListsSitemap

from .models import Organisation, Programme


class StaticPagesSitemap(Sitemap):
    """Public pages without a model behind them. Later apps add their own sitemaps."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return [
            "core:home",
            "core:privacy",
            "core:accessibility",
            "core:programme_list",
            "inbox:contact",
            "inbox:info_session_request",
            "selftest:start",
        ]

    def location(self, item):
        return reverse(item)


class ProgrammeSitemap(Sitemap):
    """The public page of every active programme (the programme finder's detail pages)."""

    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Programme.objects.filter(active=True).order_by("name").only("slug")

    def location(self, item):
        return reverse("core:programme_detail", kwargs={"slug": item.slug})


class ProviderSitemap(Sitemap):
    """The public page of every active provider (school, CLW, Syntra, CVO, hogeschool)."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return (
            Organisation.objects.filter(active=True, kind__in=Organisation.PROVIDER_KINDS)
            .order_by("name")
            .only("uuid")
        )

    def location(self, item):
        return reverse("core:provider_detail", kwargs={"uuid": item.uuid})


sitemaps = {
    "pages": StaticPagesSitemap,
    "programmes": ProgrammeSitemap,
    "providers": ProviderSitemap,
    "audiences": AudiencePageSitemap,
    "content": ContentListsSitemap,
    "quiz": QuizSitemap,
}
