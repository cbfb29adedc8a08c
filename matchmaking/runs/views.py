"""Matching runs: start one (a preview first), follow its progress, read and accept its
proposals; the proposal page with its history and next steps; the weights; exclusions."""

import uuid as uuid_module

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from steunpunt.accounts.permissions import role_required
from steunpunt.accounts.roles import Role, is_coordinator
from steunpunt.core.forms import add_service_errors

from ..learners import services as learner_services
from ..learners.access import get_learner_for_user
from ..models import FixedMatch, MatchExclusion, MatchingRun, MatchingWeights, Proposal
from . import services as runs_services
from .access import get_proposal_for_user, get_run_for_user, runs_for_user
from .forms import NEXT_STEPS, STEP_FORMS, ExclusionForm, RunStartForm, WeightsForm
from .selectors import proposal_history, run_proposals, run_unmatched

COORDINATOR = (Role.COORDINATOR,)
RUNS_PER_PAGE = 25
ROWS_PER_PAGE = 50


# Runs


def _run_list(request, form, status=200):
    page = Paginator(runs_for_user(request.user), RUNS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "matchmaking/runs/run_list.html",
        {
            "form": form,
            "page_obj": page,
            "runs": page.object_list,
            "fixed_count": FixedMatch.objects.count(),
            "exclusion_count": MatchExclusion.objects.count(),
        },
        status=status,
    )


@role_required(*COORDINATOR)
@require_GET
def run_list(request):
    return _run_list(request, RunStartForm())


@role_required(*COORDINATOR)
@require_POST
def run_start(request):
    form = RunStartForm(request.POST)
    if not form.is_valid():
        return _run_list(request, form, status=400)
    run = runs_services.start_run(
        subregion=form.cleaned_data["subregion"],
        dry_run=form.cleaned_data["dry_run"],
        actor=request.user,
    )
    messages.success(
        request,
        _("De voorbeeldmatching is gestart.")
        if run.dry_run
        else _("De matching is gestart. Daarna kan je de voorstellen aanvaarden."),
    )
    return redirect(run)


@role_required(*COORDINATOR)
@require_GET
def run_detail(request, uuid):
    run = get_run_for_user(request.user, uuid)
    context = {"run": run, "Status": MatchingRun.Status}
    if run.status == MatchingRun.Status.DONE:
        proposals = Paginator(run_proposals(run), ROWS_PER_PAGE).get_page(request.GET.get("page"))
        unmatched = Paginator(run_unmatched(run), ROWS_PER_PAGE).get_page(request.GET.get("z"))
        context.update(
            proposals_page=proposals,
            unmatched_page=unmatched,
            can_accept=not run.dry_run,
            open_status=Proposal.Status.OPEN,
        )
    return render(request, "matchmaking/runs/run_detail.html", context)


@role_required(*COORDINATOR)
@require_GET
def run_progress(request, uuid):
    run = get_run_for_user(request.user, uuid)
    return JsonResponse(
        {
            "status": run.status,
            "status_label": run.get_status_display(),
            "progress": run.progress,
            "step": run.step,
            "finished": run.is_finished,
            "error": run.error if run.status == MatchingRun.Status.FAILED else "",
        }
    )


@role_required(*COORDINATOR)
@require_POST
def run_accept(request, uuid):
    """Accept the checked proposals (or the one whose button was pressed: `only`)."""
    run = get_run_for_user(request.user, uuid)
    chosen = (
        [request.POST["only"]] if request.POST.get("only") else request.POST.getlist("proposals")
    )
    proposals = list(run_proposals(run).filter(uuid__in=_uuids(chosen)))
    if not proposals:
        messages.error(request, _("Kies minstens één voorstel om te aanvaarden."))
        return redirect(run)
    outcomes = runs_services.accept_proposals(proposals=proposals, actor=request.user)
    accepted = [o for o in outcomes if o.ok]
    if accepted:
        messages.success(
            request,
            ngettext(
                "%(n)d voorstel aanvaard. De school en het bedrijf krijgen een e-mail.",
                "%(n)d voorstellen aanvaard. De scholen en bedrijven krijgen een e-mail.",
                len(accepted),
            )
            % {"n": len(accepted)},
        )
    for outcome in outcomes:
        if not outcome.ok:
            messages.error(
                request,
                _("Niet aanvaard voor %(learner)s: %(reason)s")
                % {"learner": outcome.proposal.learner.full_name, "reason": outcome.message},
            )
    if request.POST.get("from_proposal") and len(proposals) == 1:
        return redirect(proposals[0])
    return redirect(run)


def _uuids(values):
    valid = []
    for value in values:
        try:
            valid.append(uuid_module.UUID(str(value)))
        except ValueError:
            continue
    return valid


# Proposals


def _proposal_page(request, proposal, *, failed=None, status=200):
    coordinator = is_coordinator(request.user)
    forms = []
    if coordinator:
        for action in NEXT_STEPS.get(proposal.status, ()):
            form_class, label = STEP_FORMS[action]
            if failed and failed[0] == action:
                form = failed[1]
            else:
                form = form_class(prefix=action)
            forms.append({"action": action, "label": label, "form": form})
    return render(
        request,
        "matchmaking/runs/proposal_detail.html",
        {
            "proposal": proposal,
            "history": proposal_history(proposal),
            "step_forms": forms,
            "is_coordinator": coordinator,
            "can_accept": coordinator
            and proposal.status == Proposal.Status.OPEN
            and not proposal.run.dry_run,
            "exclusion_form": ExclusionForm(
                initial={"company": proposal.workplace.site.organisation_id}
            )
            if coordinator
            else None,
        },
        status=status,
    )


@role_required(Role.COORDINATOR, Role.SCHOOL_CONTACT)
@require_GET
def proposal_detail(request, uuid):
    proposal = get_proposal_for_user(request.user, uuid)
    learner_services.record_learner_access(
        learner=proposal.learner, user=request.user, what="voorstel"
    )
    return _proposal_page(request, proposal)


@role_required(*COORDINATOR)
@require_POST
def proposal_move(request, uuid):
    proposal = get_proposal_for_user(request.user, uuid)
    action = request.POST.get("action", "")
    if action not in NEXT_STEPS.get(proposal.status, ()):
        messages.error(request, _("Deze stap kan niet (meer) vanuit de huidige status."))
        return redirect(proposal)
    form_class, _label = STEP_FORMS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        data = form.cleaned_data
        try:
            runs_services.move_proposal(
                proposal=proposal,
                action=action,
                actor=request.user,
                note=data.get("note", ""),
                on=data.get("on"),
                reason=data.get("reason", ""),
                agreement_type=data.get("agreement_type", ""),
                start_date=data.get("start_date"),
                hours_per_week=data.get("hours_per_week"),
                exclude_company=data.get("exclude_company", False),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("De stap is bewaard. De school en het bedrijf krijgen een e-mail.")
            )
            return redirect(proposal)
    proposal.refresh_from_db()
    return _proposal_page(request, proposal, failed=(action, form), status=400)


# Weights and exclusions


@role_required(*COORDINATOR)
@require_http_methods(["GET", "POST"])
def weights(request):
    current = MatchingWeights.current()
    form = WeightsForm(request.POST or None, instance=current)
    if request.method == "POST":
        if form.is_valid():
            try:
                runs_services.update_weights(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("De gewichten zijn bewaard. De volgende matching gebruikt ze.")
                )
                return redirect("matchmaking:weights")
    status = 400 if form.errors else 200
    return render(request, "matchmaking/runs/weights.html", {"form": form}, status=status)


@role_required(*COORDINATOR)
@require_POST
def exclusion_add(request, uuid):
    learner = get_learner_for_user(request.user, uuid)
    form = ExclusionForm(request.POST)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    if form.is_valid():
        try:
            runs_services.exclude_company(
                learner=learner,
                company=form.cleaned_data["company"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(company)s wordt niet meer voorgesteld aan %(learner)s.")
                % {"company": form.cleaned_data["company"], "learner": learner.full_name},
            )
            return redirect(next_url or "matchmaking:run_list")
    return render(
        request,
        "matchmaking/runs/exclusion_form.html",
        {"form": form, "learner": learner, "next": next_url},
        status=400,
    )
