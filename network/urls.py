"""/netwerk/: meetings for members and invitees, and the personal answer link.

Each new view is added to the access matrix (tests/access/network.py).
"""

from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("antwoord/<str:token>/", views.rsvp, name="rsvp"),
    path("vergaderingen/<uuid:uuid>/", views.meeting_detail, name="meeting_detail"),
    path("documenten/<uuid:uuid>/", views.document_download, name="document_download"),
]
