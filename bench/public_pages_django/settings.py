"""The portal's settings plus a bare view to compare with (bench/public_pages.py only)."""

from steunpunt.settings import *  # noqa: F403

ROOT_URLCONF = "public_pages_django.urls"
