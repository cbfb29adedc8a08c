import os

os.environ.setdefault("TESTING", "1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + sync Playwright

pytest_plugins = ["tests.plugins.roles", "tests.plugins.services"]


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _empty_cache():
    """Public pages are cached in the (per-process) cache: every test starts from empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploaded and generated files (kits, folders, logos) go to a fresh temporary directory."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
