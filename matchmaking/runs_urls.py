"""URLs of the runs pages of matchmaking (included by matchmaking.urls)."""

urlpatterns: list = []
