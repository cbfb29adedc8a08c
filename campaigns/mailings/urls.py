"""URLs of the campaign tool "mailings" and the unsubscribe link of campaign mails (included by
campaigns/urls.py, namespace "campaigns")."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("uitschrijven/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mailings/", views.MailingListView.as_view(), name="mailing_list"),
    path("mailings/nieuw/", views.MailingCreateView.as_view(), name="mailing_create"),
    path("mailings/<uuid:uuid>/", views.MailingDetailView.as_view(), name="mailing_detail"),
    path(
        "mailings/<uuid:uuid>/wijzigen/", views.MailingUpdateView.as_view(), name="mailing_update"
    ),
    path(
        "mailings/<uuid:uuid>/voorbeeld/",
        views.MailingPreviewView.as_view(),
        name="mailing_preview",
    ),
    path("mailings/<uuid:uuid>/test/", views.mailing_send_test, name="mailing_send_test"),
    path("mailings/<uuid:uuid>/versturen/", views.mailing_send, name="mailing_send"),
    path(
        "mailings/<uuid:uuid>/opnieuw/",
        views.mailing_resend_failed,
        name="mailing_resend_failed",
    ),
]
