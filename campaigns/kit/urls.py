"""URLs of the campaign tool "kit" (included by campaigns/urls.py, namespace "campaigns"): the
digital kit (a school's info point with its QR codes: campaigns/qr/urls.py)."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("<slug:slug>/kit/", views.kit_page, name="kit"),
    path("<slug:slug>/kit/zip/", views.kit_zip, name="kit_zip"),
    path("<slug:slug>/kit/zip/status/", views.kit_zip_status, name="kit_zip_status"),
    path("<slug:slug>/meedoen/", views.kit_join, name="kit_join"),
    path("bestand/<uuid:uuid>/", views.file_download, name="file_download"),
]
