"""URLs of the candidate-company pipeline (coordinators; included by matchmaking.urls)."""

from django.urls import path

from . import candidate_views

urlpatterns = [
    path("kandidaten/", candidate_views.candidate_list, name="candidate_list"),
    path("kandidaten/<uuid:uuid>/", candidate_views.candidate_detail, name="candidate_detail"),
    path(
        "kandidaten/<uuid:uuid>/doorgeven/",
        candidate_views.candidate_hand_over,
        name="candidate_hand_over",
    ),
    path("kandidaten/<uuid:uuid>/status/", candidate_views.candidate_move, name="candidate_move"),
]
