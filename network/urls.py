"""The network's pages, one URL module per tool, each with its own namespace:

- /netwerk/ (namespace "network"): meetings for members and invitees, the personal answer
  link, and the staff pages under /netwerk/beheer/;
- /agenda/, /agenda.ics and /agenda-beheer/ (namespace "events"): public events;
- /goede-praktijken/ (namespace "practices"): the good practices.
"""

from django.urls import include, path

urlpatterns = [
    path("netwerk/", include("network.meetings.urls")),
    path("", include("network.events.urls")),
    path("goede-praktijken/", include("network.practices.urls")),
]
