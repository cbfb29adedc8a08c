"""/campagnes/: one URL module per campaign tool, all in the "campaigns" namespace.

Each new view is added to the access matrix (tests/access/campaigns_<tool>.py).
"""

from .calendar.urls import urlpatterns as calendar_urls
from .campaign.urls import urlpatterns as campaign_urls
from .folders.urls import urlpatterns as folders_urls
from .kit.urls import urlpatterns as kit_urls
from .mailings.urls import urlpatterns as mailings_urls
from .orders.urls import urlpatterns as orders_urls
from .qr.urls import campaign_urlpatterns as qr_urls

app_name = "campaigns"

urlpatterns = [
    # The unsubscribe link first (as before the tools had packages), then the tools; the
    # campaign page's catch-all `<slug>/` routes come last.
    *mailings_urls,
    *orders_urls,
    *kit_urls,
    *qr_urls,
    *folders_urls,
    *calendar_urls,
    *campaign_urls,
]
