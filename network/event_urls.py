"""/agenda/: public events and their registrations (namespace "events")."""

from django.urls import path

from . import event_views

app_name = "events"

urlpatterns = [
    path("agenda/", event_views.event_list, name="list"),
    path("agenda.ics", event_views.event_feed, name="feed"),
    path("agenda/annuleren/<str:token>/", event_views.event_cancel, name="cancel"),
    path("agenda/<slug:slug>/", event_views.event_detail, name="detail"),
]
