"""URLs of the three follow-up lists (included by matchmaking.urls, "matchmaking" namespace)."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("risicolijst/", views.risk_list, name="risk_list"),
    path("wachtlijst/", views.waiting_list, name="waiting_list"),
    path("erkend-maar-inactief/", views.inactive_list, name="inactive_list"),
]
