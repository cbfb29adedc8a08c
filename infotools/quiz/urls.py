"""De Duale Quiz, mounted at /quiz/ (infotools/urls.py)."""

from django.urls import path, register_converter

from ..models import JOIN_CODE_LENGTH
from . import views


class JoinCodeConverter:
    """Exactly five letters or digits, any case (pupils type it on a phone)."""

    regex = f"[A-Za-z0-9]{{{JOIN_CODE_LENGTH}}}"

    def to_python(self, value):
        return value.upper()

    def to_url(self, value):
        return value


register_converter(JoinCodeConverter, "joincode")

app_name = "quiz"

urlpatterns = [
    path("", views.QuizListView.as_view(), name="list"),
    path("deelnemen/", views.find_session, name="find"),
    path("<slug:slug>/solo/", views.solo, name="solo"),
    path("<slug:slug>/klas/", views.start_class, name="start_class"),
    # The teacher: the host token in the URL is the key (no account needed).
    path("host/<str:host_token>/", views.host, name="host"),
    path("host/<str:host_token>/stand/", views.host_stage, name="host_stage"),
    path("host/<str:host_token>/scorebord/", views.host_board, name="host_board"),
    path("host/<str:host_token>/volgende/", views.host_advance, name="host_advance"),
    # The pupils
    path("<joincode:code>/", views.join, name="join"),
    path("<joincode:code>/spelen/", views.play, name="play"),
    path("<joincode:code>/spelen/stand/", views.play_fragment, name="play_fragment"),
    path("<joincode:code>/antwoord/", views.answer, name="answer"),
    path("<joincode:code>/qr.svg", views.qr_code, name="qr"),
]
