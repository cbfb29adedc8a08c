"""URLs of the campaign tool "folders" (included by campaigns/urls.py, namespace "campaigns")."""

from django.urls import path

from . import folders_views

urlpatterns: list = [
    path("<slug:slug>/ouderfolder/", folders_views.FolderView.as_view(), name="folder"),
    path(
        "ouderfolder/<uuid:uuid>/status/",
        folders_views.folder_status,
        name="folder_status",
    ),
    path(
        "ouderfolder/<uuid:uuid>/download/",
        folders_views.folder_download,
        name="folder_download",
    ),
    path(
        "beheer/<slug:slug>/ouderfolders/",
        folders_views.StaffFolderBatchView.as_view(),
        name="staff_folder_batch",
    ),
    path(
        "beheer/ouderfolders/<uuid:uuid>/",
        folders_views.StaffFolderBatchDetailView.as_view(),
        name="staff_folder_batch_detail",
    ),
]
