"""The learner pages: list, register, detail (every view logged), edit, status changes, the
subject-access export and the erasure. Coordinators see every learner, school contacts only
their providers' learners (learners/access.py); everyone else gets a 403 or a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.generic import FormView
from django_filters.views import FilterView

from steunpunt.accounts.permissions import RoleRequiredMixin, role_required
from steunpunt.accounts.roles import Role
from steunpunt.core.forms import add_service_errors

from ..models import Agreement, Learner, LearnerAccess
from . import export, privacy, services
from .access import LEARNER_ROLES, get_learner_for_user
from .filters import LearnerFilter
from .forms import MOVE_FORMS, AnonymiseForm, LearnerForm
from .selectors import learner_detail, learner_list, providers_for_registration

# Which status changes the learner page offers in which status (the model refuses the rest).
MOVES_BY_STATUS = {
    "screen": (Learner.Status.REGISTERED, Learner.Status.SCREENED),
    "start_search": (
        Learner.Status.SCREENED,
        Learner.Status.PROPOSED,
        Learner.Status.INTRODUCTION,
    ),
    "end": Learner.OPEN_STATUSES,
    "refer": Learner.OPEN_STATUSES,
}


class LearnerListView(RoleRequiredMixin, FilterView):
    allowed_roles = LEARNER_ROLES
    template_name = "matchmaking/learners/learner_list.html"
    filterset_class = LearnerFilter
    context_object_name = "learners"
    paginate_by = 25

    def get_queryset(self):
        return learner_list(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_filtered"] = any(v for k, v in self.request.GET.items() if k != "page")
        context["is_coordinator"] = self.request.user.has_role(Role.COORDINATOR)
        return context


class LearnerFormMixin(RoleRequiredMixin):
    allowed_roles = LEARNER_ROLES
    form_class = LearnerForm
    template_name = "matchmaking/learners/learner_form.html"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "providers": providers_for_registration(self.request.user),
        }

    def form_invalid(self, form):
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 400
        return response


class LearnerCreateView(LearnerFormMixin, FormView):
    def form_valid(self, form):
        try:
            learner = services.register_learner(
                actor=self.request.user,
                programmes=form.wished_programmes(),
                **form.learner_fields(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s is aangemeld.") % {"name": learner.full_name})
        return redirect(learner)


class LearnerEditView(LearnerFormMixin, FormView):
    def _load(self):
        """The learner (404 for outsiders), or a redirect when the file is anonymised."""
        self.learner = get_learner_for_user(self.request.user, self.kwargs["uuid"])
        if self.learner.is_anonymised:
            messages.error(
                self.request, _("Dit dossier is geanonimiseerd: je kunt het niet meer wijzigen.")
            )
            return redirect(self.learner)
        return None

    def get(self, request, *args, **kwargs):
        refused = self._load()
        if refused:
            return refused
        # The form shows the whole file: opening it counts as a view.
        services.record_learner_access(
            learner=self.learner, user=request.user, what=_("wijzigformulier")
        )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._load() or super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.learner}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "learner": self.learner}

    def form_valid(self, form):
        # The form's clean() already copied the input onto the instance: reload before saving.
        learner = Learner.objects.get(pk=self.learner.pk)
        changed = [name for name in form.changed_data if name in form.Meta.fields]
        try:
            services.update_learner(
                learner=learner,
                actor=self.request.user,
                programmes=form.wished_programmes(),
                **{name: form.cleaned_data[name] for name in changed},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De wijzigingen zijn bewaard."))
        return redirect(learner)


def _move_forms(learner: Learner, bound=None) -> dict:
    """The status-change forms that apply now, by action; `bound` replaces one of them."""
    forms = {}
    for action, statuses in MOVES_BY_STATUS.items():
        if learner.status in statuses and not learner.is_anonymised:
            forms[action] = (
                bound[1] if bound and bound[0] == action else MOVE_FORMS[action](prefix=action)
            )
    return forms


def _detail_response(request, learner: Learner, *, bound=None, status=200):
    context = {
        "learner": learner,
        "move_forms": _move_forms(learner, bound),
        **learner_detail(learner, user=request.user),
    }
    return render(request, "matchmaking/learners/learner_detail.html", context, status=status)


@role_required(*LEARNER_ROLES)
@require_GET
def learner_detail_view(request, uuid):
    learner = get_learner_for_user(request.user, uuid)
    services.record_learner_access(learner=learner, user=request.user, what=_("dossier"))
    return _detail_response(request, learner)


@role_required(*LEARNER_ROLES)
@require_POST
def learner_move(request, uuid):
    learner = get_learner_for_user(request.user, uuid)
    action = request.POST.get("action", "")
    if action not in MOVE_FORMS:
        raise Http404("Unknown action")
    form = MOVE_FORMS[action](request.POST, prefix=action)
    if form.is_valid():
        try:
            learner = services.move_learner(
                learner=learner, action=action, actor=request.user, **form.params()
            )
        except ValidationError as exc:
            if action not in _move_forms(learner):
                # Not offered in this status (an old page, a second tab): say why, show the file.
                messages.error(request, " ".join(exc.messages))
                return redirect(learner)
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De status is nu: %(status)s.") % {"status": learner.get_status_display()},
            )
            return redirect(learner)
    messages.error(request, _("De status is niet gewijzigd. Kijk het formulier hieronder na."))
    if action not in _move_forms(learner):
        return redirect(learner)
    services.record_learner_access(learner=learner, user=request.user, what=_("dossier"))
    return _detail_response(request, learner, bound=(action, form), status=400)


EXPORT_FILENAMES = {"json": "inzage-{uuid}.json", "pdf": "inzage-{uuid}.pdf"}


@role_required(Role.COORDINATOR)
@require_GET
def learner_export(request, uuid):
    """The subject-access export (?format=json or pdf); logged as an export."""
    learner = get_learner_for_user(request.user, uuid)
    fmt = request.GET.get("format", "json")
    if fmt not in EXPORT_FILENAMES:
        raise Http404("Unknown format")
    content, content_type = export.export_learner(learner=learner, actor=request.user, fmt=fmt)
    response = HttpResponse(content, content_type=content_type)
    filename = EXPORT_FILENAMES[fmt].format(uuid=learner.uuid)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@role_required(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def learner_anonymise(request, uuid):
    """A confirmation page explaining what is wiped; the POST wipes it."""
    learner = get_learner_for_user(request.user, uuid)
    if learner.is_anonymised:
        messages.info(request, _("Dit dossier is al geanonimiseerd."))
        return redirect(learner)
    form = AnonymiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            privacy.anonymise_learner(
                learner=learner, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De persoonsgegevens van dit dossier zijn gewist."))
            return redirect(learner)
    if request.method == "GET":
        services.record_learner_access(
            learner=learner,
            user=request.user,
            action=LearnerAccess.Action.VIEW,
            what=_("anonimiseren (bevestiging)"),
        )
    return render(
        request,
        "matchmaking/learners/learner_anonymise.html",
        {
            "learner": learner,
            "form": form,
            "has_current_agreement": learner.agreements.filter(
                status__in=[Agreement.Status.SIGNED, Agreement.Status.RUNNING]
            ).exists(),
        },
        status=400 if request.method == "POST" else 200,
    )
