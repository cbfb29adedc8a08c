"""/leerwerkplekken/: the public workplace finder (namespace "workplaces")."""

app_name = "workplaces"

urlpatterns: list = []
