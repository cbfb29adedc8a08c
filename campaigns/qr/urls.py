"""/q/<code>: the short tracked links printed as QR codes on the info point (namespace "qr")."""

from django.urls import path

from .qr_views import scan

app_name = "qr"

urlpatterns: list = [
    path("<str:code>", scan, name="scan"),
]
