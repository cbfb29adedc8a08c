"""URLs of the runs pages of matchmaking (included by matchmaking.urls, namespace "matchmaking").

Coordinators only, except a proposal's page: the contacts of the learner's provider read it.
"""

from django.urls import path

from . import views

urlpatterns: list = [
    path("matchings/", views.run_list, name="run_list"),
    path("matchings/starten/", views.run_start, name="run_start"),
    path("matchings/gewichten/", views.weights, name="weights"),
    path("matchings/<uuid:uuid>/", views.run_detail, name="run_detail"),
    path("matchings/<uuid:uuid>/voortgang.json", views.run_progress, name="run_progress"),
    path("matchings/<uuid:uuid>/aanvaarden/", views.run_accept, name="run_accept"),
    path("voorstellen/<uuid:uuid>/", views.proposal_detail, name="proposal_detail"),
    path("voorstellen/<uuid:uuid>/stap/", views.proposal_move, name="proposal_move"),
    path("jongeren/<uuid:uuid>/uitsluiten/", views.exclusion_add, name="exclusion_add"),
]
