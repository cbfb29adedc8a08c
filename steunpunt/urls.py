import re

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from steunpunt.core.sitemaps import sitemaps
from steunpunt.core.views.media import public_media

admin.site.site_header = _("Steunpunt Duaal Leren West-Vlaanderen – beheer")
admin.site.site_title = _("Beheer Steunpunt Duaal Leren")
admin.site.index_title = _("Beheer")
# The admin logs in through allauth, so MFA and rate limits apply there too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("account/", include("allauth.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("campagnes/", include("campaigns.urls")),
    path("q/", include("campaigns.qr.urls")),
    path("matchmaking/", include("matchmaking.urls")),
    path("leerwerkplekken/", include("matchmaking.public.urls")),
    path("", include("network.urls")),
    path("pof/", include("pof.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("", include("infotools.urls")),
    path("cijfers/", include("dashboard.public_urls")),
    path("", include("steunpunt.content.urls")),
    path("", include("steunpunt.inbox.urls")),
    path("", include("steunpunt.core.urls")),
]

# /media/ serves only the public folders (campaign previews, quiz images) and only when
# MEDIA_SERVE_PUBLIC is on; every other upload has its own view that checks who asks.
if settings.MEDIA_URL.startswith("/"):
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            public_media,
            name="public_media",
        )
    ]
