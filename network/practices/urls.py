"""/goede-praktijken/: the public good practices (namespace "practices")."""

from django.urls import path

from . import views

app_name = "practices"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("<slug:slug>/", views.practice_detail, name="detail"),
]
