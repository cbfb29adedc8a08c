"""URLs of the QR tool.

`urlpatterns` (namespace "qr", mounted at /q/ by steunpunt/urls.py): /q/<code>, the short
tracked links printed as QR codes on the info point.
`campaign_urlpatterns` (included by campaigns/urls.py, namespace "campaigns"): a school's info
point with its QR codes, the panels PDF, the code images and the coordinators' scan report.
"""

from django.urls import path

from . import views

app_name = "qr"

urlpatterns: list = [
    path("<str:code>", views.scan, name="scan"),
]

campaign_urlpatterns: list = [
    path("deelname/<uuid:uuid>/infopunt/", views.info_point, name="info_point"),
    path("deelname/<uuid:uuid>/infopunt/panelen.pdf", views.info_point_pdf, name="info_point_pdf"),
    path(
        "deelname/<uuid:uuid>/qr/<str:code>.svg",
        views.school_qr_image,
        {"fmt": "svg"},
        name="qr_svg",
    ),
    path(
        "deelname/<uuid:uuid>/qr/<str:code>.png",
        views.school_qr_image,
        {"fmt": "png"},
        name="qr_png",
    ),
    path("<slug:slug>/qr-scans/", views.qr_report, name="qr_report"),
    path(
        "<slug:slug>/qr/<str:code>.svg",
        views.general_qr_image,
        {"fmt": "svg"},
        name="qr_general_svg",
    ),
    path(
        "<slug:slug>/qr/<str:code>.png",
        views.general_qr_image,
        {"fmt": "png"},
        name="qr_general_png",
    ),
]
