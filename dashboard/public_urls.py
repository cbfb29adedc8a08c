from django.urls import path

from . import public_views

app_name = "figures"

urlpatterns = [
    path("", public_views.PublicFiguresView.as_view(), name="index"),
]
