from django.urls import path

from . import views

app_name = "inbox"

urlpatterns = [
    # Public
    path("contact/", views.ContactView.as_view(), name="contact"),
    path(
        "infosessie-aanvragen/",
        views.InfoSessionRequestView.as_view(),
        name="info_session_request",
    ),
    path("contact/bedankt/<uuid:uuid>/", views.ThanksView.as_view(), name="thanks"),
    # Coordinators
    path("beheer/vragen/", views.QuestionListView.as_view(), name="question_list"),
    path("beheer/vragen/<uuid:uuid>/", views.QuestionDetailView.as_view(), name="question_detail"),
    path("beheer/vragen/<uuid:uuid>/status/", views.question_status, name="question_status"),
    path("beheer/vragen/<uuid:uuid>/toewijzen/", views.question_assign, name="question_assign"),
    path("beheer/vragen/<uuid:uuid>/doorverwijzen/", views.question_refer, name="question_refer"),
    path("beheer/vragen/<uuid:uuid>/notitie/", views.question_note, name="question_note"),
    path("beheer/vragen/<uuid:uuid>/antwoord/", views.question_answer, name="question_answer"),
    path("beheer/vragen/<uuid:uuid>/gehouden/", views.question_held, name="question_held"),
]
