"""URLs of the learner pages (included by matchmaking.urls, "matchmaking" namespace)."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("jongeren/", views.LearnerListView.as_view(), name="learner_list"),
    path("jongeren/aanmelden/", views.LearnerCreateView.as_view(), name="learner_create"),
    path("jongeren/<uuid:uuid>/", views.learner_detail_view, name="learner_detail"),
    path(
        "jongeren/<uuid:uuid>/wijzigen/",
        views.LearnerEditView.as_view(),
        name="learner_edit",
    ),
    path("jongeren/<uuid:uuid>/status/", views.learner_move, name="learner_move"),
    path("jongeren/<uuid:uuid>/inzage/", views.learner_export, name="learner_export"),
    path(
        "jongeren/<uuid:uuid>/anonimiseren/",
        views.learner_anonymise,
        name="learner_anonymise",
    ),
]
