"""URLs of the staff dashboard, mounted at /dashboard/. Moments are named by their date."""

from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.overview_view, name="overview"),
    path("export/", views.export_view, name="export"),
    path("meetmomenten/", views.MomentListView.as_view(), name="moments"),
    path("meetmomenten/nieuw/", views.MomentCreateView.as_view(), name="moment_create"),
    path("meetmomenten/<str:day>/", views.MomentDetailView.as_view(), name="moment_detail"),
    path("meetmomenten/<str:day>/berekenen/", views.moment_compute_view, name="moment_compute"),
    path("meetmomenten/<str:day>/definitief/", views.moment_finalise_view, name="moment_finalise"),
    path("meetmomenten/<str:day>/inlezen/", views.import_upload_view, name="import_upload"),
    path("imports/<int:pk>/", views.import_preview_view, name="import_preview"),
    path("imports/<int:pk>/bevestigen/", views.import_confirm_view, name="import_confirm"),
    path("imports/<int:pk>/annuleren/", views.import_cancel_view, name="import_cancel"),
]
