"""/pof/: programmatie requests (school contacts and the secretariat) and the session pages.

Each view has its rule in the access matrix (tests/access/pof_pages.py).
"""

from django.urls import path

from . import views

app_name = "pof"

urlpatterns = [
    path("aanvragen/", views.request_list, name="request_list"),
    path("aanvragen/nieuw/", views.request_create, name="request_create"),
    path("aanvragen/<uuid:uuid>/", views.request_edit, name="request_edit"),
    path("aanvragen/<uuid:uuid>/indienen/", views.request_submit, name="request_submit"),
    path("aanvragen/<uuid:uuid>/intrekken/", views.request_withdraw, name="request_withdraw"),
    path("aanvragen/<uuid:uuid>/bijlagen/", views.attachment_add, name="attachment_add"),
    path("bijlagen/<uuid:uuid>/", views.attachment_download, name="attachment_download"),
    path("secretariaat/aanvragen/", views.staff_request_list, name="staff_request_list"),
    path("secretariaat/aanvragen/export/", views.staff_request_export, name="staff_request_export"),
    path(
        "secretariaat/aanvragen/<uuid:uuid>/",
        views.staff_request_detail,
        name="staff_request_detail",
    ),
    path(
        "secretariaat/aanvragen/<uuid:uuid>/adviesbrief.pdf",
        views.request_advice_letter,
        name="request_advice_letter",
    ),
    path(
        "zittingen/<uuid:uuid>/standaardagenda/",
        views.session_standard_agenda,
        name="session_standard_agenda",
    ),
    path("zittingen/<uuid:uuid>/agenda-pdf/", views.session_pdfs, name="session_pdfs"),
    path("agenda-pdf/<int:pk>/", views.agenda_pdf_download, name="agenda_pdf_download"),
]
