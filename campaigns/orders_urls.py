"""URLs of the campaign tool "orders" (included by campaigns/urls.py, namespace "campaigns")."""

urlpatterns: list = []
