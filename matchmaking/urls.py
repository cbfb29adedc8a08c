"""/matchmaking/: one URL module per area, all in the "matchmaking" namespace.

The public workplace finder lives at /leerwerkplekken/ (matchmaking.public_urls, namespace
"workplaces"). Each new view is added to the access matrix (tests/access/matchmaking_<area>.py).
"""

from .candidate_urls import urlpatterns as candidate_urls
from .company_urls import urlpatterns as company_urls
from .learner_urls import urlpatterns as learner_urls
from .runs_urls import urlpatterns as runs_urls

app_name = "matchmaking"

urlpatterns = [
    *learner_urls,
    *runs_urls,
    *company_urls,
    *candidate_urls,
]
