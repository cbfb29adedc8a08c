"""URLs of the campaign tool "kit" (included by campaigns/urls.py, namespace "campaigns"):
the digital kit and a school's info point with its QR codes (the scan itself is under /q/)."""

from django.urls import path

from . import kit_views, qr_views

urlpatterns: list = [
    path("<slug:slug>/kit/", kit_views.kit_page, name="kit"),
    path("<slug:slug>/kit/zip/", kit_views.kit_zip, name="kit_zip"),
    path("<slug:slug>/kit/zip/status/", kit_views.kit_zip_status, name="kit_zip_status"),
    path("<slug:slug>/meedoen/", kit_views.kit_join, name="kit_join"),
    path("bestand/<uuid:uuid>/", kit_views.file_download, name="file_download"),
    # QR codes on the info point
    path("deelname/<uuid:uuid>/infopunt/", qr_views.info_point, name="info_point"),
    path(
        "deelname/<uuid:uuid>/infopunt/panelen.pdf", qr_views.info_point_pdf, name="info_point_pdf"
    ),
    path(
        "deelname/<uuid:uuid>/qr/<str:code>.svg",
        qr_views.school_qr_image,
        {"fmt": "svg"},
        name="qr_svg",
    ),
    path(
        "deelname/<uuid:uuid>/qr/<str:code>.png",
        qr_views.school_qr_image,
        {"fmt": "png"},
        name="qr_png",
    ),
    path("<slug:slug>/qr-scans/", qr_views.qr_report, name="qr_report"),
    path(
        "<slug:slug>/qr/<str:code>.svg",
        qr_views.general_qr_image,
        {"fmt": "svg"},
        name="qr_general_svg",
    ),
    path(
        "<slug:slug>/qr/<str:code>.png",
        qr_views.general_qr_image,
        {"fmt": "png"},
        name="qr_general_png",
    ),
]
