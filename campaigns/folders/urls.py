"""URLs of the campaign tool "folders" (included by campaigns/urls.py, namespace "campaigns")."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("<slug:slug>/ouderfolder/", views.FolderView.as_view(), name="folder"),
    path(
        "ouderfolder/<uuid:uuid>/status/",
        views.folder_status,
        name="folder_status",
    ),
    path(
        "ouderfolder/<uuid:uuid>/download/",
        views.folder_download,
        name="folder_download",
    ),
    path(
        "beheer/<slug:slug>/ouderfolders/",
        views.StaffFolderBatchView.as_view(),
        name="staff_folder_batch",
    ),
    path(
        "beheer/ouderfolders/<uuid:uuid>/",
        views.StaffFolderBatchDetailView.as_view(),
        name="staff_folder_batch_detail",
    ),
]
