"""The network's public pages in sitemap.xml (registered in NetworkConfig.ready())."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from ..models import GoodPractice


class GoodPracticeSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return (
            GoodPractice.objects.filter(is_published=True)
            .order_by("slug")
            .only("slug", "updated_at")
        )

    def location(self, item):
        return reverse("practices:detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.updated_at
