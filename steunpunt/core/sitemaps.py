from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticPagesSitemap(Sitemap):
    """Public pages without a model behind them. Later apps add their own sitemaps."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return ["core:home", "core:privacy", "core:accessibility"]

    def location(self, item):
        return reverse(item)


sitemaps = {"pages": StaticPagesSitemap}
