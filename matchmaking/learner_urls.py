"""URLs of the learner pages and the three lists of matchmaking (included by matchmaking.urls)."""

from django.urls import path

from . import learner_views, lists_views

urlpatterns: list = [
    path("jongeren/", learner_views.LearnerListView.as_view(), name="learner_list"),
    path("jongeren/aanmelden/", learner_views.LearnerCreateView.as_view(), name="learner_create"),
    path("jongeren/<uuid:uuid>/", learner_views.learner_detail_view, name="learner_detail"),
    path(
        "jongeren/<uuid:uuid>/wijzigen/",
        learner_views.LearnerEditView.as_view(),
        name="learner_edit",
    ),
    path("jongeren/<uuid:uuid>/status/", learner_views.learner_move, name="learner_move"),
    path("jongeren/<uuid:uuid>/inzage/", learner_views.learner_export, name="learner_export"),
    path(
        "jongeren/<uuid:uuid>/anonimiseren/",
        learner_views.learner_anonymise,
        name="learner_anonymise",
    ),
    path("risicolijst/", lists_views.risk_list, name="risk_list"),
    path("wachtlijst/", lists_views.waiting_list, name="waiting_list"),
    path("erkend-maar-inactief/", lists_views.inactive_list, name="inactive_list"),
]
