"""Staff pages of the dashboard: the overview (/dashboard/) with its export, the measurement
moments (list, new, detail, compute, finalise) and the imports of figures (upload, preview,
confirm, cancel).

Coordinators and the POF secretariat view; only coordinators change anything.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, ListView, TemplateView

from steunpunt.accounts.permissions import RoleRequiredMixin, role_required
from steunpunt.accounts.roles import Role
from steunpunt.core.models import JobFailure

from . import charts, exports, running, selectors, services
from .forms import ImportForm, MomentForm, OverviewForm
from .models import FigureImport, MeasurementMoment
from .numbers import format_number

STAFF_ROLES = Role.staff_roles()
WRITE_ROLES = (Role.COORDINATOR,)


def get_moment(day: str) -> MeasurementMoment:
    """A moment by its date in the URL (2025-04-20); 404 for anything else."""
    try:
        parsed = date.fromisoformat(day)
    except ValueError as error:
        raise Http404(_("Geen meetmoment op deze datum.")) from error
    return get_object_or_404(MeasurementMoment, date=parsed)


def can_write(user) -> bool:
    return user.has_role(*WRITE_ROLES)


# --- The overview -----------------------------------------------------------------------------


def build_overview(request):
    """The filter form and the overview for the GET parameters (shared by page and export).

    Queries: the moments (one), the filters' subregions and study domains (two), and what
    selectors.overview reads (three)."""
    moments = list(MeasurementMoment.objects.order_by("-date"))
    choices = selectors.filter_choices()
    form = OverviewForm(request.GET or None, moments=moments, choices=choices)
    form.is_valid()
    picked = form.value("moment") if form.is_bound else ""
    moment = (
        selectors.moment_by_date(moments, date.fromisoformat(picked))
        if picked
        else (moments[0] if moments else None)
    )
    compare_day = form.value("compare") if form.is_bound else ""
    compare = (
        selectors.moment_by_date(moments, date.fromisoformat(compare_day)) if compare_day else None
    )
    if compare is not None and moment is not None and compare.pk == moment.pk:
        compare = None
    overview = selectors.overview(
        moment=moment,
        compare=compare,
        moments=moments,
        subregion=form.value("subregion") if form.is_bound else "",
        provider_type=form.value("provider_type") if form.is_bound else "",
        study_domain=form.value("study_domain") if form.is_bound else "",
        figure=request.GET.get("figure", ""),
        choices=choices,
    )
    form.fields["figure"].choices = [("", _("Het standaardcijfer"))] + overview.figure_choices
    if form.is_bound and "figure" in form.errors and overview.figure == request.GET.get("figure"):
        del form.errors["figure"]
    return form, overview


def _charts(overview):
    """(breakdown, bar chart or None) pairs (bars per provider type and per subregion) and the
    trend line of the split figure."""
    pairs = []
    for breakdown in overview.breakdowns:
        chart = None
        if breakdown.dimension in ("provider_type", "subregion") and breakdown.rows:
            chart = charts.bar_chart(
                _("%(figure)s %(split)s")
                % {"figure": overview.figure_label, "split": str(breakdown.title).lower()},
                [(row.label, row.value) for row in breakdown.rows],
                overview.figure_kind,
            )
        pairs.append((breakdown, chart))
    trend = None
    if overview.trend:
        trend = charts.trend_chart(
            _("Verloop van %(figure)s over de meetmomenten") % {"figure": overview.figure_label},
            [(point.moment, point.value) for point in overview.trend],
            overview.figure_kind,
        )
    return pairs, trend


@require_GET
@role_required(*STAFF_ROLES)
def overview_view(request):
    form, overview = build_overview(request)
    breakdowns, trend = _charts(overview)
    query = request.GET.urlencode()
    permalink = request.build_absolute_uri(reverse("dashboard:overview"))
    if overview.moment is not None:
        params = request.GET.copy()
        params["moment"] = overview.moment.date.isoformat()
        permalink = request.build_absolute_uri(
            f"{reverse('dashboard:overview')}?{params.urlencode()}"
        )
    return render(
        request,
        "dashboard/overview.html",
        {
            "form": form,
            "overview": overview,
            "breakdowns": breakdowns,
            "trend": trend,
            "permalink": permalink,
            "query": query,
            "can_write": can_write(request.user),
        },
    )


@require_GET
@role_required(*STAFF_ROLES)
def export_view(request):
    form, overview = build_overview(request)
    if overview.moment is None:
        raise Http404(_("Er is nog geen meetmoment om uit te voeren."))
    fmt = "xlsx" if request.GET.get("formaat") == "xlsx" else "csv"
    stem = f"dashboard-{overview.moment.date.isoformat()}"
    return exports.export_response(overview, fmt, filename=stem)


# --- Measurement moments ----------------------------------------------------------------------


class MomentListView(RoleRequiredMixin, ListView):
    allowed_roles = STAFF_ROLES
    template_name = "dashboard/moment_list.html"
    context_object_name = "moments"

    def get_queryset(self):
        return selectors.moment_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_write=can_write(self.request.user), **kwargs)


class MomentCreateView(RoleRequiredMixin, CreateView):
    allowed_roles = WRITE_ROLES
    template_name = "dashboard/moment_form.html"
    form_class = MomentForm

    def form_valid(self, form):
        try:
            moment = services.create_moment(
                name=form.cleaned_data["name"],
                date=form.cleaned_data["date"],
                actor=self.request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Het meetmoment “%(name)s” is aangemaakt. Bereken nu de cijfers of lees er in.")
            % {"name": moment.name},
        )
        return redirect("dashboard:moment_detail", day=moment.date.isoformat())

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


def _last_failure(moment):
    """The compute task's last unresolved failure for this moment after its last success."""
    failures = JobFailure.objects.filter(
        task_name=running.SNAPSHOT_TASK,
        resolved=False,
        arguments__contains=f"'moment_id': {moment.pk}}}",
    )
    if moment.computed_at is not None:
        failures = failures.filter(occurred_at__gt=moment.computed_at)
    return failures.order_by("-occurred_at").first()


class MomentDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = STAFF_ROLES
    template_name = "dashboard/moment_detail.html"

    def get_context_data(self, **kwargs):
        moment = get_moment(self.kwargs["day"])
        counts = {
            source: n
            for source, n in moment.values.order_by().values_list("source").annotate(n=Count("pk"))
        }
        return super().get_context_data(
            moment=moment,
            computed_count=counts.get("computed", 0),
            imported_count=counts.get("imported", 0),
            imports=moment.imports.select_related("uploaded_by"),
            running=running.is_running(moment.pk),
            failure=_last_failure(moment),
            can_write=can_write(self.request.user) and not moment.is_final,
            **kwargs,
        )


@role_required(*WRITE_ROLES)
@require_POST
def moment_compute_view(request, day):
    moment = get_moment(day)
    if moment.is_final:
        messages.error(
            request, _("Dit meetmoment is definitief: de cijfers worden niet opnieuw berekend.")
        )
        return redirect("dashboard:moment_detail", day=day)
    services.request_snapshot(moment=moment, actor=request.user)
    messages.info(
        request,
        _("De cijfers van “%(name)s” worden berekend. Dat kan enkele minuten duren.")
        % {"name": moment.name},
    )
    return redirect("dashboard:moment_detail", day=day)


@role_required(*WRITE_ROLES)
def moment_finalise_view(request, day):
    moment = get_moment(day)
    if request.method == "POST":
        try:
            services.finalise(moment=moment, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("“%(name)s” is definitief. De cijfers veranderen niet meer.")
                % {"name": moment.name},
            )
        return redirect("dashboard:moment_detail", day=day)
    if moment.is_final:
        messages.error(request, _("Dit meetmoment is al definitief."))
        return redirect("dashboard:moment_detail", day=day)
    return render(
        request,
        "dashboard/moment_finalise.html",
        {"moment": moment, "value_count": moment.values.count()},
    )


# --- Imports ----------------------------------------------------------------------------------


def get_import(pk: int) -> FigureImport:
    return get_object_or_404(FigureImport.objects.select_related("moment", "uploaded_by"), pk=pk)


@role_required(*WRITE_ROLES)
def import_upload_view(request, day):
    moment = get_moment(day)
    if moment.is_final:
        messages.error(
            request, _("Dit meetmoment is definitief: er kan niets meer ingelezen worden.")
        )
        return redirect("dashboard:moment_detail", day=day)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            figure_import = services.preview_import(
                moment=moment,
                data=upload.read(),
                file_name=upload.name,
                source=form.cleaned_data["source"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            return redirect("dashboard:import_preview", pk=figure_import.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "dashboard/import_upload.html", {"moment": moment, "form": form}, status=status
    )


@role_required(*WRITE_ROLES)
@require_GET
def import_preview_view(request, pk):
    figure_import = get_import(pk)
    return render(
        request,
        "dashboard/import_preview.html",
        {
            "figure_import": figure_import,
            "moment": figure_import.moment,
            "good_rows": [
                row | {"value_text": format_number(row["value"])} for row in figure_import.rows
            ],
            "can_confirm": (
                figure_import.status == FigureImport.Status.PREVIEW
                and not figure_import.errors
                and not figure_import.moment.is_final
            ),
        },
    )


@role_required(*WRITE_ROLES)
@require_POST
def import_confirm_view(request, pk):
    figure_import = get_import(pk)
    try:
        written = services.confirm_import(figure_import=figure_import, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("dashboard:import_preview", pk=pk)
    messages.success(
        request,
        _("%(n)s cijfers uit “%(file)s” zijn ingelezen.")
        % {"n": written, "file": figure_import.file_name},
    )
    return redirect("dashboard:moment_detail", day=figure_import.moment.date.isoformat())


@role_required(*WRITE_ROLES)
@require_POST
def import_cancel_view(request, pk):
    figure_import = get_import(pk)
    try:
        services.cancel_import(figure_import=figure_import, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("dashboard:import_preview", pk=pk)
    messages.success(
        request, _("De import van “%(file)s” is geannuleerd.") % {"file": figure_import.file_name}
    )
    return redirect("dashboard:moment_detail", day=figure_import.moment.date.isoformat())
