"""URLs of the campaign calendar (included by campaigns/urls.py, namespace "campaigns")."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("<slug:slug>/kalender.ics", views.calendar_ics, name="calendar_ics"),
]
