"""Public information pages. Thin: read the request, ask a selector, render.

The rendered Markdown is cached in template fragments (see cache.py), never the whole page.
"""

from functools import partial

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.generic import TemplateView

from . import selectors
from .cache import CONTENT_CACHE_SECONDS, content_cache_version
from .models import Audience


def can_preview_content(user) -> bool:
    """Who may see unpublished pages with ?voorbeeld=1: whoever may edit them in the admin."""
    return user.is_authenticated and user.is_staff and user.has_perm("content.change_audiencepage")


class ContentPageMixin:
    """Context every content page needs for its cached fragments."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["content_version"] = content_cache_version()
        context["content_cache_seconds"] = CONTENT_CACHE_SECONDS
        return context


class AudiencePageView(ContentPageMixin, TemplateView):
    template_name = "content/audiencepage_detail.html"

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        self.preview = request.GET.get("voorbeeld") == "1" and can_preview_content(request.user)
        page = selectors.find_audience_page(slug, include_unpublished=self.preview)
        if page is None:
            raise Http404
        if page.slug != slug:  # /voor/<audience>/ keeps working when a page gets a new slug
            url = page.get_absolute_url() + ("?voorbeeld=1" if self.preview else "")
            return redirect(url)
        self.page = page
        response = super().get(request, *args, **kwargs)
        if self.preview:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.page,
            preview=self.preview,
            # Callables: the queries run only when the cached fragment must be rendered.
            faq_entries=partial(selectors.faq_for_audience_page, self.page.audience),
            other_pages=partial(selectors.published_audience_pages),
            faq_url=f"{reverse('content:faq')}?voor={self.page.audience}",
        )
        return context


class FaqView(ContentPageMixin, TemplateView):
    template_name = "content/faq_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        audience = selectors.parse_audience(self.request.GET.get("voor"))
        context.update(
            audience=audience,
            audience_label=Audience(audience).label if audience else "",
            audiences=Audience.choices,
            groups=partial(selectors.faq_by_category, audience),
        )
        return context


class GlossaryView(ContentPageMixin, TemplateView):
    template_name = "content/glossary.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["letters"] = selectors.glossary_index
        return context
