"""/agenda/: public events and their registrations (namespace "events")."""

from django.urls import path

from . import staff_views, views

app_name = "events"

urlpatterns = [
    path("agenda/", views.event_list, name="list"),
    path("agenda.ics", views.event_feed, name="feed"),
    path("agenda/annuleren/<str:token>/", views.event_cancel, name="cancel"),
    path("agenda/<slug:slug>/", views.event_detail, name="detail"),
    # Staff: outside /agenda/ so no event slug can shadow them.
    path("agenda-beheer/", staff_views.staff_list, name="staff_list"),
    path(
        "agenda-beheer/<slug:slug>/",
        staff_views.staff_registrations,
        name="staff_registrations",
    ),
    path("agenda-beheer/<slug:slug>/export/", staff_views.staff_export, name="staff_export"),
]
