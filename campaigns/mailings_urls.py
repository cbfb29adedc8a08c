"""URLs of the campaign tool "mailings" (included by campaigns/urls.py, namespace "campaigns")."""

urlpatterns: list = []
