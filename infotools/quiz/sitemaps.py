from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from ..models import Quiz


class QuizSitemap(Sitemap):
    """The quiz list, and per published quiz its solo page and its class-mode page."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        items = [("quiz:list", None)]
        for slug in Quiz.objects.filter(published=True).values_list("slug", flat=True):
            items += [("quiz:solo", slug), ("quiz:start_class", slug)]
        return items

    def location(self, item):
        name, slug = item
        return reverse(name, kwargs={"slug": slug} if slug else {})
