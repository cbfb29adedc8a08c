"""The coordinators' pipeline of candidate companies: the list with the hand-overs, and a
candidate's page where it is handed over to the providers nearby (a mail to their contacts
through the outbox) and moved along the pipeline."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from steunpunt.accounts.permissions import role_required
from steunpunt.accounts.roles import Role
from steunpunt.core.forms import add_service_errors

from . import selectors, services
from .access import candidates_for_user, get_candidate_for_user
from .forms import CandidateFilterForm, CandidateMoveForm, HandOverForm

PAGE_SIZE = 25


@role_required(Role.COORDINATOR)
@require_GET
def candidate_list(request):
    candidates = candidates_for_user(request.user)
    form = CandidateFilterForm(request.GET or None)
    if form.is_valid():
        if form.cleaned_data["status"]:
            candidates = candidates.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["subregion"]:
            candidates = candidates.filter(postcode__subregion=form.cleaned_data["subregion"])
    page = Paginator(selectors.pipeline(candidates), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page,
        "candidates": page.object_list,
        "recognised_after_handover": selectors.led_to_recognition(
            candidates_for_user(request.user)
        ),
    }
    return render(request, "matchmaking/candidates/candidate_list.html", context)


def _detail(request, candidate, *, hand_over_form=None, move_error=""):
    nearby = selectors.providers_nearby(candidate)
    context = {
        "candidate": candidate,
        "programmes": list(candidate.programmes.all()),
        "referrals": list(selectors.referrals_of(candidate)),
        "nearby": nearby,
        "radius_km": selectors.HANDOVER_RADIUS_KM,
        "hand_over_form": hand_over_form or HandOverForm(nearby=nearby),
        "move_error": move_error,
        "closed": candidate.status in (candidate.Status.RECOGNISED, candidate.Status.NOT_PURSUED),
    }
    status = 400 if (hand_over_form is not None or move_error) else 200
    return render(request, "matchmaking/candidates/candidate_detail.html", context, status=status)


@role_required(Role.COORDINATOR)
@require_GET
def candidate_detail(request, uuid):
    return _detail(request, get_candidate_for_user(request.user, uuid))


@role_required(Role.COORDINATOR)
@require_POST
def candidate_hand_over(request, uuid):
    candidate = get_candidate_for_user(request.user, uuid)
    nearby = selectors.providers_nearby(candidate)
    form = HandOverForm(request.POST, nearby=nearby)
    if form.is_valid():
        try:
            referral = services.refer_candidate(
                candidate=candidate,
                providers=list(form.cleaned_data["providers"]),
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Doorgegeven aan %(n)d school/scholen; %(m)d contactpersonen krijgen een mail.")
                % {"n": len(form.cleaned_data["providers"]), "m": referral.mailed},
            )
            return redirect("matchmaking:candidate_detail", uuid=candidate.uuid)
    return _detail(request, candidate, hand_over_form=form)


@role_required(Role.COORDINATOR)
@require_http_methods(["POST"])
def candidate_move(request, uuid):
    candidate = get_candidate_for_user(request.user, uuid)
    form = CandidateMoveForm(request.POST)
    if not form.is_valid():
        return _detail(request, candidate, move_error=_("Onbekende statuswijziging."))
    action = form.cleaned_data["action"]
    params = {"reason": form.cleaned_data["reason"]} if action == "not_pursue" else {}
    try:
        services.move_candidate(candidate=candidate, action=action, actor=request.user, **params)
    except ValidationError as error:
        return _detail(request, candidate, move_error=" ".join(error.messages))
    messages.success(request, _("De status is bijgewerkt."))
    return redirect("matchmaking:candidate_detail", uuid=candidate.uuid)
