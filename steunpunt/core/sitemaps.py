"""sitemap.xml: the core's sitemaps plus those the apps register in AppConfig.ready().

The core never imports a feature app: each app calls `register_sitemap` for its public pages.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Organisation, Programme


class NamedPagesSitemap(Sitemap):
    """Public pages without a model behind them, by URL name."""

    changefreq = "monthly"
    priority = 0.6

    def __init__(self, url_names):
        self.url_names = list(url_names)
        super().__init__()

    def items(self):
        return self.url_names

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


sitemaps: dict[str, Sitemap | type[Sitemap]] = {
    "pages": NamedPagesSitemap(
        ["core:home", "core:privacy", "core:accessibility", "core:programme_list"]
    ),
    "programmes": ProgrammeSitemap,
    "providers": ProviderSitemap,
}


def register_sitemap(name: str, sitemap) -> None:
    """Called from an app's ready(); a name is registered once."""
    if name in sitemaps and sitemaps[name] is not sitemap:
        raise ValueError(f"A sitemap named {name!r} is already registered.")
    sitemaps[name] = sitemap
