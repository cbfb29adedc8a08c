"""URLs of the campaign tool "orders" (included by campaigns/urls.py, namespace "campaigns")."""

from django.urls import path

from . import views

urlpatterns: list = [
    # A school's pages
    path("bestellingen/", views.OrderListView.as_view(), name="order_list"),
    path("bestellingen/<uuid:uuid>/", views.OrderDetailView.as_view(), name="order_detail"),
    # Coordinators
    path("beheer/bestellingen/", views.StaffOrderListView.as_view(), name="staff_order_list"),
    path(
        "beheer/bestellingen/export.<str:fmt>",
        views.order_export,
        name="order_export",
    ),
    path(
        "beheer/bestellingen/picklijst/<str:day>/",
        views.picking_list_pdf,
        name="picking_list_pdf",
    ),
    path(
        "beheer/bestellingen/<uuid:uuid>/",
        views.StaffOrderDetailView.as_view(),
        name="staff_order_detail",
    ),
    path(
        "beheer/bestellingen/<uuid:uuid>/status/",
        views.staff_order_status,
        name="staff_order_status",
    ),
    path(
        "beheer/bestellingen/<uuid:uuid>/weigeren/",
        views.staff_order_refuse,
        name="staff_order_refuse",
    ),
    path(
        "beheer/bestellingen/<uuid:uuid>/paklijst.pdf",
        views.packing_list_pdf,
        name="packing_list_pdf",
    ),
    # The order form of a campaign (after the fixed routes above)
    path("<slug:slug>/bestellen/", views.OrderCreateView.as_view(), name="order_create"),
]
