"""URLs of the company pages of matchmaking (included by matchmaking.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "onderneming/leerwerkplekken/",
        views.CompanyWorkplaceListView.as_view(),
        name="company_workplaces",
    ),
    path(
        "onderneming/leerwerkplekken/nieuw/",
        views.WorkplaceCreateView.as_view(),
        name="workplace_create",
    ),
    path(
        "onderneming/leerwerkplekken/<uuid:uuid>/",
        views.WorkplaceEditView.as_view(),
        name="workplace_edit",
    ),
    path(
        "onderneming/leerwerkplekken/<uuid:uuid>/status/",
        views.workplace_move,
        name="workplace_move",
    ),
    path(
        "onderneming/erkenningen/",
        views.CompanyRecognitionListView.as_view(),
        name="company_recognitions",
    ),
]
