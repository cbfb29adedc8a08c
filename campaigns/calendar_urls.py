"""URLs of the campaign tool "calendar" (included by campaigns/urls.py, namespace "campaigns")."""

urlpatterns: list = []
