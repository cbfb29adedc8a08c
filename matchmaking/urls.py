"""/matchmaking/: one URL module per tool, all in the "matchmaking" namespace.

The public workplace finder lives at /leerwerkplekken/ (matchmaking.public.urls, namespace
"workplaces"). Each new view is added to the access matrix (tests/access/matchmaking_<area>.py).
"""

from .candidates.urls import urlpatterns as candidate_urls
from .companies.urls import urlpatterns as company_urls
from .learners.urls import urlpatterns as learner_urls
from .lists.urls import urlpatterns as list_urls
from .runs.urls import urlpatterns as runs_urls

app_name = "matchmaking"

urlpatterns = [
    *learner_urls,
    *list_urls,
    *runs_urls,
    *company_urls,
    *candidate_urls,
]
