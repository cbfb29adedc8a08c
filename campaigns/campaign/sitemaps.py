"""sitemap.xml: the campaign list and the page of every public campaign (with its feedback form)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from ..models import Campaign


class CampaignSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        items = [("campaigns:campaign_list", None)]
        for slug in Campaign.objects.public().order_by("-starts_on").values_list("slug", flat=True):
            items += [("campaigns:campaign_detail", slug), ("campaigns:feedback", slug)]
        return items

    def location(self, item):
        name, slug = item
        return reverse(name, kwargs={"slug": slug} if slug else {})
