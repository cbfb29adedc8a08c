app_name = "network"

# The views of this app arrive with its own issue; each new view is added to the access matrix
# in tests/test_access_matrix.py.
urlpatterns: list = []
