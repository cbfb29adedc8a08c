"""The public workplace finder in sitemap.xml (registered in MatchmakingConfig.ready())."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class WorkplaceSitemap(Sitemap):
    """The page of every public workplace (the same rows as the finder)."""

    changefreq = "daily"
    priority = 0.5

    def items(self):
        from .selectors import public_workplaces

        return public_workplaces().order_by("pk").only("uuid")

    def location(self, item):
        return reverse("workplaces:detail", kwargs={"uuid": item.uuid})
