from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("toegankelijkheid/", views.AccessibilityView.as_view(), name="accessibility"),
    path("mijn/", views.MyPortalView.as_view(), name="my_portal"),
    path(
        "organisaties/<uuid:uuid>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path("opleidingen/", views.ProgrammeListView.as_view(), name="programme_list"),
    path("opleidingen/<slug:slug>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("aanbieders/<uuid:uuid>/", views.ProviderDetailView.as_view(), name="provider_detail"),
    path("health/", views.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
]
