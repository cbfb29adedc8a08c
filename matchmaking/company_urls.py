"""URLs of the company pages of matchmaking (included by matchmaking.urls)."""

urlpatterns: list = []
