"""School orders: the order form and history of a school, the coordinators' list and actions,
the packing and picking lists (PDF) and the export for the printer or shipper."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, FormView, ListView
from django_filters.views import FilterView

from steunpunt.accounts.permissions import RoleRequiredMixin, role_required
from steunpunt.accounts.roles import is_coordinator
from steunpunt.core.forms import add_service_errors

from ..campaign.access import get_acting_school, get_public_campaign
from ..campaign.permissions import SCHOOL_ROLES, STAFF_ROLES
from ..campaign.services import current_campaign
from ..models import Campaign, IllegalOrderTransition, Order
from . import export, services
from .access import get_order_for_user, orders_for_user
from .filters import OrderFilter
from .forms import OrderForm, RefuseForm
from .pdf import render_packing_list_pdf, render_picking_list_pdf
from .selectors import orderable_materials, picking_list, staff_orders, with_lines

# --- The school's pages ---------------------------------------------------------------------


class OrderCreateView(RoleRequiredMixin, FormView):
    allowed_roles = SCHOOL_ROLES
    template_name = "campaigns/orders/order_form.html"
    form_class = OrderForm

    def setup_school(self):
        self.campaign = get_public_campaign(self.kwargs["slug"])
        self.school = get_acting_school(self.request.user, self.request.GET.get("school"))
        self.orderable = (
            orderable_materials(campaign=self.campaign, school=self.school)
            if self.campaign.status == Campaign.Status.ACTIVE
            else []
        )

    def get(self, request, *args, **kwargs):
        self.setup_school()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_school()
        if not self.orderable:
            messages.error(request, _("Er is in deze campagne niets (meer) te bestellen."))
            return redirect(request.get_full_path())
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "school": self.school, "orderable": self.orderable}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            campaign=self.campaign,
            school=self.school,
            has_sites=context["form"].fields["site"].queryset.exists(),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            order = services.place_order(
                campaign=self.campaign,
                school=self.school,
                site=data["site"],
                quantities=form.quantities(),
                wished_date=data["wished_date"],
                remarks=data["remarks"],
                actor=self.request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Je bestelling %(reference)s is ingediend. Je krijgt een e-mail ter bevestiging.")
            % {"reference": order.reference},
        )
        return redirect(order)

    def form_invalid(self, form):
        # Orderable quantities may have changed meanwhile: show the latest, keep what was typed.
        self.orderable = orderable_materials(campaign=self.campaign, school=self.school)
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 400
        return response


class OrderListView(RoleRequiredMixin, ListView):
    """The order history of the user's schools (a coordinator sees every school's)."""

    allowed_roles = SCHOOL_ROLES
    template_name = "campaigns/orders/order_list.html"
    context_object_name = "orders"
    paginate_by = 25

    def get_queryset(self):
        return with_lines(orders_for_user(self.request.user).order_by("-created_at", "-pk"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["current_campaign"] = current_campaign()
        context["is_coordinator"] = is_coordinator(self.request.user)
        return context


class OrderDetailView(RoleRequiredMixin, DetailView):
    allowed_roles = SCHOOL_ROLES
    template_name = "campaigns/orders/order_detail.html"
    context_object_name = "order"

    def get_object(self, queryset=None):
        return get_order_for_user(self.request.user, self.kwargs["uuid"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"] = self.object.lines.select_related("material")
        return context


# --- Coordinators ---------------------------------------------------------------------------


class StaffOrderListView(RoleRequiredMixin, FilterView):
    allowed_roles = STAFF_ROLES
    template_name = "campaigns/orders/staff_order_list.html"
    filterset_class = OrderFilter
    context_object_name = "orders"
    paginate_by = 50

    def get_queryset(self):
        return staff_orders().order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["export_query"] = query.urlencode()
        context["is_filtered"] = any(v for k, v in self.request.GET.items() if k != "page")
        context["today"] = timezone.localdate()
        return context


def staff_detail_context(order, refuse_form=None) -> dict:
    return {
        "order": order,
        "lines": order.lines.select_related("material"),
        "refuse_form": refuse_form or RefuseForm(),
        "Status": Order.Status,
    }


class StaffOrderDetailView(RoleRequiredMixin, DetailView):
    allowed_roles = STAFF_ROLES
    template_name = "campaigns/orders/staff_order_detail.html"

    def get_object(self, queryset=None):
        return get_order_for_user(self.request.user, self.kwargs["uuid"])

    def get_context_data(self, **kwargs):
        return staff_detail_context(self.object)


STATUS_ACTIONS = {
    "approve": gettext_lazy("De bestelling is goedgekeurd. De school krijgt een e-mail."),
    "ship": gettext_lazy("De bestelling is verzonden. De school krijgt een e-mail."),
    "deliver": gettext_lazy("De bestelling is geleverd. De school krijgt een e-mail."),
}


@role_required(*STAFF_ROLES)
@require_POST
def staff_order_status(request, uuid):
    order = get_order_for_user(request.user, uuid)
    action = request.POST.get("action", "")
    if action not in STATUS_ACTIONS:
        raise Http404("Unknown action")
    try:
        services.TRANSITIONS[action](order=order, actor=request.user)
    except IllegalOrderTransition as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, STATUS_ACTIONS[action])
    return redirect(order.get_staff_url())


@role_required(*STAFF_ROLES)
@require_POST
def staff_order_refuse(request, uuid):
    order = get_order_for_user(request.user, uuid)
    form = RefuseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Dat lukte niet. Kijk het formulier hieronder na."))
        return render(
            request,
            "campaigns/orders/staff_order_detail.html",
            staff_detail_context(order, refuse_form=form),
            status=400,
        )
    try:
        services.refuse_order(order=order, reason=form.cleaned_data["reason"], actor=request.user)
    except IllegalOrderTransition as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("De bestelling is geweigerd en de voorraad is terug vrijgegeven.")
        )
    return redirect(order.get_staff_url())


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@role_required(*STAFF_ROLES)
@require_GET
def packing_list_pdf(request, uuid):
    order = get_order_for_user(request.user, uuid)
    order = staff_orders().get(pk=order.pk)
    return _pdf_response(render_packing_list_pdf(order), f"paklijst-{order.reference}.pdf")


@role_required(*STAFF_ROLES)
@require_GET
def picking_list_pdf(request, day):
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError as exc:
        raise Http404("Not a date") from exc
    orders, totals = picking_list(date)
    return _pdf_response(
        render_picking_list_pdf(date, orders, totals), f"picklijst-{date.isoformat()}.pdf"
    )


@role_required(*STAFF_ROLES)
@require_GET
def order_export(request, fmt):
    """The staff list's filters apply: export what the coordinator is looking at."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown format")
    filterset = OrderFilter(request.GET, queryset=staff_orders().order_by("created_at", "pk"))
    orders = filterset.qs if filterset.is_valid() else Order.objects.none()
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return export.export_response(orders, fmt, filename=f"bestellingen-{stamp}")
