"""One version number for all cached content fragments.

Templates cache the rendered Markdown with `{% cache seconds "name" ... content_version %}`.
Every save or delete of a page, question or term bumps the version (signals in apps.py), so
the next request renders afresh. Only content is cached, never the page shell: the header
(with the logged-in user's name and the CSRF token) is rendered on every request.

With the per-process LocMemCache (no CACHE_URL) another process may serve the previous text
until CONTENT_CACHE_SECONDS have passed; with Redis every process sees the new version at once.
"""

import time

from django.core.cache import cache

CONTENT_CACHE_SECONDS = 600
VERSION_KEY = "content:version"


def content_cache_version() -> int:
    # A new version when the key is missing (first use, eviction): never an old fragment.
    return cache.get_or_set(VERSION_KEY, time.time_ns, timeout=None)


def bump_content_cache_version(**kwargs) -> None:
    """Signal receiver: a page, question or term changed."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)
