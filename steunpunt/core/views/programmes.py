"""The public programme finder, programme pages and provider pages.

Anonymous GETs are cached as whole responses for a few minutes (`PublicPageCacheMixin`, see
steunpunt/core/caching.py for when a page is safe to share).
"""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.views.generic import TemplateView

from .. import finder
from ..caching import PublicPageCacheMixin, wants_fragment
from ..figures import registry
from ..filters import ProgrammeFilter, find_postcode

OPEN_WORKPLACES_FIGURE = "matchmaking.open_workplaces"
NEAR_KM = 20


def path_or_empty(name: str, **query) -> str:
    """The path of a URL name with a querystring, or "" when no app provides that URL."""
    try:
        path = reverse(name)
    except NoReverseMatch:
        return ""
    return f"{path}?{urlencode(query)}" if query else path


def open_workplaces(programme, origin):
    """Open workplaces for the programme near the postcode (or in the province), from the
    figure registry: the core never imports the app that counts them. None when no app
    registers the figure."""
    if OPEN_WORKPLACES_FIGURE not in registry.names():
        return None
    near = (origin, NEAR_KM) if origin is not None else None
    count = registry.value(OPEN_WORKPLACES_FIGURE, programme=programme, near=near)
    query = {"programme": programme.slug}
    if origin is not None:
        query.update(postcode=origin.code, km=NEAR_KM)
    return {
        "count": count,
        "km": NEAR_KM if origin is not None else None,
        "url": path_or_empty("workplaces:list", **query),
    }


def contact_path() -> str:
    """The Steunpunt's question form (`/contact/`, built by the inbox)."""
    try:
        return reverse("inbox:contact")
    except NoReverseMatch:
        return "/contact/"


class ProgrammeListView(PublicPageCacheMixin, TemplateView):
    """`/opleidingen/`: every dual programme, filtered through the querystring."""

    template_name = "core/programme_list.html"
    fragment_template_name = "core/fragment_programme_results.html"

    def get_template_names(self):
        if wants_fragment(self.request):
            return [self.fragment_template_name]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = ProgrammeFilter(self.request.GET or None)
        results = finder.search_programmes(filterset, self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filterset=filterset,
            form=filterset.form,
            results=results,
            page_obj=results.page,
            hits=results.page.object_list,
            is_filtered=any(query.values()),
            oob=wants_fragment(self.request),
            postcode_query=f"?postcode={results.origin.code}" if results.origin else "",
            contact_path=contact_path(),
        )
        if results.empty:
            elsewhere = query.copy()
            elsewhere.pop("subregion", None)
            wider = query.copy()
            wider["km"] = str(results.empty.wider_km or "")
            context.update(elsewhere_query=elsewhere.urlencode(), wider_query=wider.urlencode())
        return context


class ProgrammeDetailView(PublicPageCacheMixin, TemplateView):
    """`/opleidingen/<slug>/`: what you learn and where; distances with `?postcode=`."""

    template_name = "core/programme_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = finder.get_public_programme(self.kwargs["slug"])
        code = "".join(self.request.GET.get("postcode", "").split())
        origin = find_postcode(code) if code.isdigit() and len(code) == 4 else None
        context.update(
            programme=programme,
            about=[] if programme.description else finder.describe_programme(programme),
            places=finder.programme_places(programme, origin),
            postcode=code,
            origin=origin,
            postcode_unknown=bool(code) and origin is None,
            contact_url=f"{contact_path()}?{urlencode({'opleiding': programme.slug})}",
            open_workplaces=open_workplaces(programme, origin),
        )
        return context


class ProviderDetailView(PublicPageCacheMixin, TemplateView):
    """`/aanbieders/<uuid>/`: a provider's public page with its dual offer per site."""

    template_name = "core/provider_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = finder.get_public_provider(self.kwargs["uuid"])
        sites = list(finder.provider_sites(organisation))
        context.update(
            organisation=organisation,
            sites=sites,
            programme_count=len({o.programme_id for s in sites for o in s.public_offers}),
        )
        return context
