"""/campagnes/: one URL module per campaign tool, all in the "campaigns" namespace.

Each new view is added to the access matrix (tests/access/campaigns_<tool>.py).
"""

from django.urls import path

from .calendar_urls import urlpatterns as calendar_urls
from .folders_urls import urlpatterns as folders_urls
from .kit_urls import urlpatterns as kit_urls
from .mailings_urls import urlpatterns as mailings_urls
from .orders_urls import urlpatterns as orders_urls
from .unsubscribe_views import unsubscribe

app_name = "campaigns"

urlpatterns = [
    path("uitschrijven/<str:token>/", unsubscribe, name="unsubscribe"),
    *orders_urls,
    *kit_urls,
    *folders_urls,
    *mailings_urls,
    *calendar_urls,
]
