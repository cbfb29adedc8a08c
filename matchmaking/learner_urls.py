"""URLs of the learner pages of matchmaking (included by matchmaking.urls)."""

urlpatterns: list = []
