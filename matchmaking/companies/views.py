"""Company pages: a company's workplaces (list, create, edit, full/reopen/close) and its
recognitions (read-only, with a warning before one ends).

Company contacts act for their own organisations; coordinators act for any company (the
`?company=<uuid>` in the URL says which one). Everyone else gets a 403; a workplace of another
company is a 404 (companies/access.py).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView, ListView

from steunpunt.accounts.permissions import RoleRequiredMixin, role_required
from steunpunt.accounts.roles import Role
from steunpunt.core.access import get_organisation_for_user, organisations_for_user
from steunpunt.core.forms import add_service_errors
from steunpunt.core.models import Organisation

from ..models import IllegalTransition, Workplace
from . import services
from .access import get_workplace_for_user
from .forms import FIELDS, WorkplaceCreateForm, WorkplaceForm
from .selectors import (
    company_recognitions,
    company_workplaces,
    expires_soon,
    valid_recognitions,
    warning_days,
)

COMPANY_ROLES = (Role.COORDINATOR, Role.COMPANY_CONTACT)

MOVES = {
    "mark_full": gettext_lazy("De werkplek staat nu op volzet."),
    "reopen": gettext_lazy("De werkplek is weer open."),
    "close": gettext_lazy("De werkplek is gesloten."),
}


def acting_company(request) -> Organisation | None:
    """The company named in `?company=` (404 unless the user may act for it), or None."""
    uuid = request.GET.get("company") or request.POST.get("company")
    if not uuid:
        return None
    try:
        company = get_organisation_for_user(request.user, uuid)
    except ValidationError as exc:  # not a UUID
        raise Http404 from exc
    if company.kind != Organisation.Kind.COMPANY:
        raise Http404
    return company


def list_url(company: Organisation | None) -> str:
    url = reverse("matchmaking:company_workplaces")
    return f"{url}?{urlencode({'company': company.uuid})}" if company else url


class CompanyMixin(RoleRequiredMixin):
    allowed_roles = COMPANY_ROLES

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_role(*COMPANY_ROLES):
            self.company = acting_company(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        companies = organisations_for_user(self.request.user).filter(kind=Organisation.Kind.COMPANY)
        context.update(
            company=self.company,
            company_query=f"?{urlencode({'company': self.company.uuid})}" if self.company else "",
            is_coordinator=self.request.user.has_role(Role.COORDINATOR),
            own_companies=[] if self.request.user.has_role(Role.COORDINATOR) else companies,
        )
        return context


class CompanyWorkplaceListView(CompanyMixin, ListView):
    """ "Mijn leerwerkplekken": status and free places of each workplace."""

    template_name = "matchmaking/company/workplace_list.html"
    context_object_name = "workplaces"
    paginate_by = 25

    def get_queryset(self):
        return company_workplaces(self.request.user, self.company)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["Status"] = Workplace.Status
        return context


class WorkplaceCreateView(CompanyMixin, FormView):
    template_name = "matchmaking/company/workplace_form.html"
    form_class = WorkplaceCreateForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["recognitions"] = valid_recognitions(self.request.user, self.company)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            creating=True,
            has_recognitions=context["form"].fields["recognition"].queryset.exists(),
            back_url=list_url(self.company),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        recognition = data["recognition"]
        try:
            workplace = services.create_workplace(
                site=recognition.site,
                programme=recognition.programme,
                actor=self.request.user,
                **{name: data[name] for name in FIELDS},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("De leerwerkplek %(workplace)s is aangemaakt.") % {"workplace": workplace},
        )
        return redirect(list_url(self.company))

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class WorkplaceEditView(CompanyMixin, FormView):
    template_name = "matchmaking/company/workplace_form.html"
    form_class = WorkplaceForm

    def dispatch(self, request, *args, **kwargs):
        self.workplace = None
        if request.user.is_authenticated and request.user.has_role(*COMPANY_ROLES):
            self.workplace = get_workplace_for_user(request.user, kwargs["uuid"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.workplace}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            workplace=self.workplace,
            creating=False,
            back_url=list_url(self.company),
        )
        return context

    def form_valid(self, form):
        try:
            services.update_workplace(
                workplace=self.workplace,
                actor=self.request.user,
                **{name: form.cleaned_data[name] for name in FIELDS},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De wijzigingen zijn bewaard."))
        return redirect(list_url(self.company))

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@role_required(*COMPANY_ROLES)
@require_POST
def workplace_move(request, uuid):
    """POST action=mark_full|reopen|close: the workplace's status."""
    workplace = get_workplace_for_user(request.user, uuid)
    company = acting_company(request)
    action = request.POST.get("action", "")
    if action not in MOVES:
        raise Http404
    try:
        services.move_workplace(workplace=workplace, action=action, actor=request.user)
    except (IllegalTransition, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, MOVES[action])
    return redirect(list_url(company))


class CompanyRecognitionListView(CompanyMixin, ListView):
    """ "Mijn erkenningen": read-only, with validity and a warning before one ends."""

    template_name = "matchmaking/company/recognition_list.html"
    context_object_name = "recognitions"
    paginate_by = 25

    def get_queryset(self):
        return company_recognitions(self.request.user, self.company)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for recognition in context["recognitions"]:
            recognition.expires_soon = expires_soon(recognition)
        context["warning_days"] = warning_days()
        return context
