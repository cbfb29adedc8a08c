"""Whole-response caching for public pages, for anonymous visitors only.

A page is stored only when it is safe to hand to another visitor: an anonymous GET, a 200
response, no pending messages, and no CSRF token rendered into it (a page with a form calls
`get_token`, which Django marks in `request.META["CSRF_COOKIE_NEEDS_UPDATE"]`). base.html
itself carries no token: htmx reads it from the cookie (static/js/portal.js).
"""

import hashlib

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

PUBLIC_PAGE_CACHE_SECONDS = 5 * 60


def wants_fragment(request) -> bool:
    """An htmx request for a fragment (not a history restore, which needs the whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


class PublicPageCacheMixin:
    """Serve anonymous GETs from the cache, keyed on the path, the querystring and htmx."""

    cache_timeout = PUBLIC_PAGE_CACHE_SECONDS

    def cache_key(self, request) -> str | None:
        if request.method not in ("GET", "HEAD") or not request.user.is_anonymous:
            return None
        if len(get_messages(request)):
            return None  # the page would show (and store) this visitor's messages
        query = "&".join(sorted(f"{k}={v}" for k, vs in request.GET.lists() for v in vs))
        raw = f"{request.path}?{query}|fragment={wants_fragment(request)}"
        return "public-page:" + hashlib.sha256(raw.encode()).hexdigest()

    def dispatch(self, request, *args, **kwargs):
        key = self.cache_key(request)
        cached = cache.get(key) if key else None
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
        else:
            response = super().dispatch(request, *args, **kwargs)
            if key and response.status_code == 200 and hasattr(response, "render"):
                response.add_post_render_callback(lambda r: self._store(request, key, r))
        # The same URL differs for logged-in users (Cookie) and for htmx (fragment only).
        patch_vary_headers(response, ("Cookie", "HX-Request"))
        return response

    def _store(self, request, key, response):
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return  # a CSRF token was rendered into this page: never share it
        cache.set(key, (response.content, response["Content-Type"]), self.cache_timeout)
