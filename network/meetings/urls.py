"""/netwerk/: meetings for members and invitees, the personal answer link, and the staff pages
under /netwerk/beheer/ (coordinators and the POF secretariat).

Each new view is added to the access matrix (tests/access/network.py, network_staff.py).
"""

from django.urls import path

from . import staff_views, views

app_name = "network"

urlpatterns = [
    path("antwoord/<str:token>/", views.rsvp, name="rsvp"),
    path("vergaderingen/<uuid:uuid>/", views.meeting_detail, name="meeting_detail"),
    path("documenten/<uuid:uuid>/", views.document_download, name="document_download"),
    # Staff
    path("beheer/", staff_views.MeetingListView.as_view(), name="staff_meeting_list"),
    path("beheer/nieuw/", staff_views.meeting_create, name="staff_meeting_create"),
    path("beheer/acties/", staff_views.ActionListView.as_view(), name="staff_actions"),
    path(
        "beheer/aanwezigheid/",
        staff_views.attendance_history,
        name="staff_attendance_history",
    ),
    path("beheer/<uuid:uuid>/", staff_views.meeting_edit, name="staff_meeting_edit"),
    path("beheer/<uuid:uuid>/status/", staff_views.meeting_move, name="staff_meeting_move"),
    path("beheer/<uuid:uuid>/kopie/", staff_views.meeting_clone, name="staff_meeting_clone"),
    path("beheer/<uuid:uuid>/agenda/", staff_views.agenda, name="staff_agenda"),
    path(
        "beheer/<uuid:uuid>/agenda/volgorde/",
        staff_views.agenda_reorder,
        name="staff_agenda_reorder",
    ),
    path(
        "beheer/<uuid:uuid>/agenda/<int:pk>/",
        staff_views.agenda_item_edit,
        name="staff_agenda_item_edit",
    ),
    path(
        "beheer/<uuid:uuid>/agenda/<int:pk>/verplaatsen/",
        staff_views.agenda_item_move,
        name="staff_agenda_item_move",
    ),
    path(
        "beheer/<uuid:uuid>/agenda/<int:pk>/verwijderen/",
        staff_views.agenda_item_delete,
        name="staff_agenda_item_delete",
    ),
    path("beheer/<uuid:uuid>/documenten/", staff_views.document_add, name="staff_document_add"),
    path("beheer/<uuid:uuid>/uitnodigingen/", staff_views.invitations, name="staff_invitations"),
    path("beheer/<uuid:uuid>/aanwezigheden/", staff_views.attendance, name="staff_attendance"),
    path("beheer/<uuid:uuid>/verslag/", staff_views.minutes, name="staff_minutes"),
]
