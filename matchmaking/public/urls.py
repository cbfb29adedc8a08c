"""/leerwerkplekken/: the public workplace finder and the "Word leerwerkplek" intake form
(namespace "workplaces")."""

from django.urls import path

from . import views

app_name = "workplaces"

urlpatterns = [
    path("", views.WorkplaceListView.as_view(), name="list"),
    path("word-leerwerkplek/", views.BecomeWorkplaceView.as_view(), name="become_workplace"),
    path(
        "word-leerwerkplek/bedankt/",
        views.BecomeWorkplaceThanksView.as_view(),
        name="become_workplace_thanks",
    ),
    path("<uuid:uuid>/", views.WorkplaceDetailView.as_view(), name="detail"),
    path("<uuid:uuid>/interesse/", views.WorkplaceInterestView.as_view(), name="interest"),
]
