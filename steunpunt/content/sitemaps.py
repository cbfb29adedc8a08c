from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .selectors import published_audience_pages


class AudiencePageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return published_audience_pages().order_by("order", "slug")

    def lastmod(self, page):
        return page.updated_at


class ContentListsSitemap(Sitemap):
    """The FAQ and the glossary (one page each)."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return ["content:faq", "content:glossary"]

    def location(self, item):
        return reverse(item)
