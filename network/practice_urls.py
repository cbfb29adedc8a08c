"""/goede-praktijken/: the public good practices (namespace "practices")."""

from django.urls import path

from . import practice_views

app_name = "practices"

urlpatterns = [
    path("", practice_views.practice_list, name="list"),
    path("<slug:slug>/", practice_views.practice_detail, name="detail"),
]
