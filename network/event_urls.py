"""/agenda/: public events and their registrations (namespace "events")."""

from django.urls import path

from . import event_staff_views, event_views

app_name = "events"

urlpatterns = [
    path("agenda/", event_views.event_list, name="list"),
    path("agenda.ics", event_views.event_feed, name="feed"),
    path("agenda/annuleren/<str:token>/", event_views.event_cancel, name="cancel"),
    path("agenda/<slug:slug>/", event_views.event_detail, name="detail"),
    # Staff: outside /agenda/ so no event slug can shadow them.
    path("agenda-beheer/", event_staff_views.staff_list, name="staff_list"),
    path(
        "agenda-beheer/<slug:slug>/",
        event_staff_views.staff_registrations,
        name="staff_registrations",
    ),
    path("agenda-beheer/<slug:slug>/export/", event_staff_views.staff_export, name="staff_export"),
]
