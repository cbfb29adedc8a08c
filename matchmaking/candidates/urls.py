"""URLs of the candidate-company pipeline (coordinators; included by matchmaking.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("kandidaten/", views.candidate_list, name="candidate_list"),
    path("kandidaten/<uuid:uuid>/", views.candidate_detail, name="candidate_detail"),
    path(
        "kandidaten/<uuid:uuid>/doorgeven/",
        views.candidate_hand_over,
        name="candidate_hand_over",
    ),
    path("kandidaten/<uuid:uuid>/status/", views.candidate_move, name="candidate_move"),
]
