"""URLs of the campaign page, checklist and feedback (namespace "campaigns").

The campaign page `<slug>/` is the parent of the other tools' pages (`<slug>/kit/`,
`<slug>/bestellen/`, `<slug>/ouderfolder/`, `<slug>/kalender.ics`), which live in their own URL
modules.
"""

from django.urls import path

from . import views

urlpatterns: list = [
    path("", views.campaign_list, name="campaign_list"),
    path("<slug:slug>/", views.campaign_detail, name="campaign_detail"),
    path("<slug:slug>/reageren/", views.FeedbackView.as_view(), name="feedback"),
    path("<slug:slug>/mijn-school/", views.SchoolHomeView.as_view(), name="school_home"),
    path("<slug:slug>/checklist/", views.ChecklistView.as_view(), name="checklist"),
    path(
        "<slug:slug>/opvolging/",
        views.StaffParticipationView.as_view(),
        name="staff_participation",
    ),
]
