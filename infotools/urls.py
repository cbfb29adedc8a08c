"""The information tools' pages, mounted at the site root (steunpunt/urls.py).

No `app_name` here: each tool keeps its own namespace ("quiz" at /quiz/, "selftest" at
/zelftest/), so `reverse("quiz:list")` and `reverse("selftest:start")` stay as they were.
"""

from django.urls import include, path

urlpatterns = [
    path("quiz/", include("infotools.quiz.urls")),
    path("zelftest/", include("infotools.selftest.urls")),
]
