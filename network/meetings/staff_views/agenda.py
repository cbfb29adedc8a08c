"""Staff pages: the agenda builder (items, sub-items, order, documents)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from steunpunt.core.forms import add_service_errors

from ...models import Minutes
from .. import services
from ..forms import (
    AgendaItemForm,
    DocumentForm,
)
from ..selectors import (
    agenda_rows,
    get_agenda_item,
    get_staff_meeting,
    previous_meeting,
)
from .common import bound_data, meeting_context, staff_only


def _agenda_context(meeting, item_form=None, document_form=None) -> dict:
    context = meeting_context(meeting, "agenda")
    schedule = agenda_rows(meeting)
    previous = previous_meeting(meeting)
    context.update(
        schedule=schedule,
        end=timezone.localtime(schedule[-1].ends_at) if schedule else None,
        item_form=item_form or AgendaItemForm(meeting=meeting),
        document_form=document_form or DocumentForm(meeting=meeting),
        documents=meeting.documents.order_by("kind", "title"),
        previous=previous,
        previous_minutes=Minutes.objects.filter(meeting=previous).first() if previous else None,
        is_pof=meeting.body.kind == "pof",
    )
    return context


@staff_only
@require_http_methods(["GET", "POST"])
def agenda(request, uuid):
    """The agenda builder; a POST adds an item (or a sub-item)."""
    meeting = get_staff_meeting(uuid)
    form = None
    if request.method == "POST":
        form = AgendaItemForm(request.POST, meeting=meeting)
        if form.is_valid():
            try:
                item = services.add_agenda_item(
                    meeting=meeting, actor=request.user, **form.item_fields()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                item.documents.set(form.cleaned_data.get("documents", []))
                if form.cleaned_data.get("good_practice"):
                    services.link_good_practice(
                        item=item, practice=form.cleaned_data["good_practice"], actor=request.user
                    )
                messages.success(request, _("Het punt „%(title)s” staat op de agenda.") % {
                    "title": item.title
                })  # fmt: skip
                return redirect("network:staff_agenda", meeting.uuid)
    context = _agenda_context(meeting, item_form=form)
    return render(
        request, "network/staff/agenda.html", context, status=400 if form is not None else 200
    )


@staff_only
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, uuid, pk):
    meeting = get_staff_meeting(uuid)
    item = get_agenda_item(meeting, pk)
    form = AgendaItemForm(bound_data(request), instance=item, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_agenda_item(item=item, actor=request.user, **form.item_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            item.documents.set(form.cleaned_data.get("documents", []))
            try:
                services.link_good_practice(
                    item=item, practice=form.cleaned_data.get("good_practice"), actor=request.user
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Het agendapunt is gewijzigd."))
                return redirect("network:staff_agenda", meeting.uuid)
    context = meeting_context(meeting, "agenda")
    context.update(form=form, item=item)
    status = 400 if request.method == "POST" else 200
    return render(request, "network/staff/agenda_item_form.html", context, status=status)


@staff_only
@require_POST
def agenda_item_move(request, uuid, pk):
    meeting = get_staff_meeting(uuid)
    item = get_agenda_item(meeting, pk)
    direction = request.POST.get("direction", "")
    if direction not in ("up", "down"):
        raise Http404("Unknown direction")
    try:
        services.move_agenda_item(item=item, direction=direction, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("network:staff_agenda", args=[meeting.uuid]) + f"#punt-{item.pk}")


@staff_only
@require_POST
def agenda_reorder(request, uuid):
    """One level of the agenda in a new order (the drag-and-drop of agenda-builder.js).

    Answers JSON to the script; a plain form post is redirected back to the agenda."""
    meeting = get_staff_meeting(uuid)
    wants_json = "application/json" in request.headers.get("Accept", "")
    values = request.POST.getlist("order")
    parent = request.POST.get("parent", "")
    if not values or not all(v.isdigit() for v in values) or not (parent == "" or parent.isdigit()):
        return JsonResponse({"error": _("Die volgorde begrijpen we niet.")}, status=400)
    try:
        services.reorder_agenda(
            meeting=meeting,
            order=[int(v) for v in values],
            parent_id=int(parent) if parent else None,
            actor=request.user,
        )
    except ValidationError as exc:
        if wants_json:
            return JsonResponse({"error": " ".join(exc.messages)}, status=409)
        messages.error(request, " ".join(exc.messages))
    else:
        if wants_json:
            return JsonResponse({"ok": True})
        messages.success(request, _("De volgorde van de agenda is aangepast."))
    return redirect("network:staff_agenda", meeting.uuid)


@staff_only
@require_http_methods(["GET", "POST"])
def agenda_item_delete(request, uuid, pk):
    meeting = get_staff_meeting(uuid)
    item = get_agenda_item(meeting, pk)
    if request.method == "POST":
        services.delete_agenda_item(item=item, actor=request.user)
        messages.success(request, _("Het punt „%(title)s” is van de agenda gehaald.") % {
            "title": item.title
        })  # fmt: skip
        return redirect("network:staff_agenda", meeting.uuid)
    context = meeting_context(meeting, "agenda")
    context.update(item=item, sub_items=item.sub_items.order_by("position", "pk"))
    return render(request, "network/staff/agenda_item_delete.html", context)


@staff_only
@require_POST
def document_add(request, uuid):
    meeting = get_staff_meeting(uuid)
    form = DocumentForm(request.POST, request.FILES, meeting=meeting)
    if form.is_valid():
        data = form.cleaned_data
        try:
            document = services.add_document(
                meeting=meeting,
                upload=data["upload"],
                title=data["title"],
                kind=data["kind"],
                actor=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            if not form.errors:
                form.add_error("upload", " ".join(exc.messages))
        else:
            for item in data.get("items", []):
                item.documents.add(document)
            messages.success(request, _("Het document „%(title)s” is toegevoegd.") % {
                "title": document.title
            })  # fmt: skip
            return redirect(reverse("network:staff_agenda", args=[meeting.uuid]) + "#documenten")
    context = _agenda_context(meeting, document_form=form)
    return render(request, "network/staff/agenda.html", context, status=400)
