from django.urls import path

from . import views

app_name = "content"

urlpatterns = [
    path("voor/<slug:slug>/", views.AudiencePageView.as_view(), name="audience_page"),
    path("veelgestelde-vragen/", views.FaqView.as_view(), name="faq"),
    path("woordenlijst/", views.GlossaryView.as_view(), name="glossary"),
]
