from django.urls import path

from . import views

app_name = "selftest"

urlpatterns = [
    path("", views.SelfTestView.as_view(), name="start"),
    path("resultaat/", views.SelfTestResultView.as_view(), name="result"),
    path("pdf/", views.selftest_pdf, name="pdf"),
]
