"""URLs of the campaign tool "kit" (included by campaigns/urls.py, namespace "campaigns")."""

urlpatterns: list = []
