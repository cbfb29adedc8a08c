"""URLs of the campaign tool "folders" (included by campaigns/urls.py, namespace "campaigns")."""

urlpatterns: list = []
