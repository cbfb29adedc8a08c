"""Staff pages: the invitation list and the attendance sheet at the door."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from steunpunt.core.models import Person
from steunpunt.core.params import parse_pk, parse_pks, parse_slug

from ...models import Attendance, Body, Invitation
from .. import services
from ..forms import (
    AttendanceOtherForm,
    PersonSearchForm,
)
from ..selectors import (
    attendance_by_person,
    get_staff_meeting,
    invitation_rows,
    other_attendance,
    representation,
    search_people,
)
from ..selectors import (
    attendance_history as attendance_history_of,
)
from .common import meeting_context, staff_only


@staff_only
@require_http_methods(["GET", "POST"])
def invitations(request, uuid):
    meeting = get_staff_meeting(uuid)
    if request.method == "POST":
        handler = INVITATION_ACTIONS.get(request.POST.get("action", ""))
        if handler is None:
            raise Http404("Unknown action")
        handler(request, meeting)
        return redirect("network:staff_invitations", meeting.uuid)
    search = PersonSearchForm(request.GET or None)
    query = search.cleaned_data["zoek"] if search.is_valid() else ""
    context = meeting_context(meeting, "invitations")
    context.update(
        invitations=invitation_rows(meeting),
        search=search,
        query=query,
        found=search_people(query, exclude_meeting=meeting) if query else [],
        Response=Invitation.Response,
    )
    return render(request, "network/staff/invitations.html", context)


def _ensure(request, meeting):
    result = services.ensure_invitations(meeting=meeting, actor=request.user)
    if result.added:
        messages.success(
            request,
            _("%(count)s genodigde(n) uit het orgaan toegevoegd.") % {"count": result.added},
        )
    else:
        messages.info(request, _("Iedereen uit het orgaan staat al op de lijst."))
    if result.without_email:
        names = ", ".join(str(person) for person in result.without_email)
        messages.warning(
            request,
            _("Zonder e-mailadres, dus niet uitgenodigd: %(names)s. Vul hun e-mailadres aan.")
            % {"names": names},
        )


def _invite(request, meeting):
    pk = parse_pk(request.POST.get("person"))
    person = Person.objects.filter(pk=pk).first() if pk else None
    if person is None:
        messages.error(request, _("Die persoon vonden we niet. Zoek opnieuw."))
        return
    try:
        services.invite_person(meeting=meeting, person=person, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s staat op de lijst.") % {"name": person})


def _send(request, meeting):
    try:
        count = services.send_invitations(meeting=meeting, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return
    if count:
        messages.success(
            request, _("%(count)s uitnodiging(en) worden verstuurd.") % {"count": count}
        )
    else:
        messages.info(request, _("Iedereen op de lijst kreeg deze uitnodiging al."))


def _remind(request, meeting):
    chosen = parse_pks(request.POST.getlist("invitation"))
    if not chosen:
        messages.error(request, _("Vink eerst aan wie je een herinnering wil sturen."))
        return
    rows = meeting.invitations.select_related("person").filter(pk__in=chosen)
    count = services.remind(meeting=meeting, actor=request.user, invitations=rows)
    if count:
        messages.success(
            request, _("%(count)s herinnering(en) worden verstuurd.") % {"count": count}
        )
    else:
        messages.info(
            request,
            _("Niemand van wie je aanvinkte wacht nog op een uitnodiging zonder antwoord."),
        )


INVITATION_ACTIONS = {"ensure": _ensure, "invite": _invite, "send": _send, "remind": _remind}


@staff_only
@require_http_methods(["GET", "POST"])
def attendance(request, uuid):
    """At the door: one row per invitee (present, excused, absent; a substitute's name)."""
    meeting = get_staff_meeting(uuid)
    rows = list(invitation_rows(meeting))
    other_form = AttendanceOtherForm(meeting=meeting, prefix="ander")
    if request.method == "POST" and request.POST.get("form") == "other":
        other_form = AttendanceOtherForm(request.POST, meeting=meeting, prefix="ander")
        if other_form.is_valid():
            data = other_form.cleaned_data
            services.record_attendance(
                meeting=meeting,
                status=data["status"],
                name=data["name"],
                organisation=data["organisation"],
                actor=request.user,
            )
            messages.success(request, _("%(name)s is geregistreerd.") % {"name": data["name"]})
            return redirect("network:staff_attendance", meeting.uuid)
    elif request.method == "POST":
        saved = _save_attendance(request, meeting, rows)
        messages.success(request, _("Aanwezigheden bewaard (%(count)s).") % {"count": saved})
        return redirect("network:staff_attendance", meeting.uuid)
    recorded = attendance_by_person(meeting)
    context = meeting_context(meeting, "attendance")
    context.update(
        rows=[(invitation, recorded.get(invitation.person_id)) for invitation in rows],
        others=other_attendance(meeting),
        other_form=other_form,
        statuses=Attendance.Status.choices,
        representation=list(representation(meeting).items()),
        AttendanceStatus=Attendance.Status,
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "network/staff/attendance.html", context, status=status)


def _save_attendance(request, meeting, rows) -> int:
    entries = [
        services.SheetEntry(
            invitation=invitation,
            status=request.POST.get(f"status-{invitation.pk}", ""),
            substitute=request.POST.get(f"vervanger-{invitation.pk}", "").strip()[:160],
        )
        for invitation in rows
    ]
    return services.record_attendance_sheet(meeting=meeting, entries=entries, actor=request.user)


@staff_only
@require_GET
def attendance_history(request):
    """Was VDAB represented? Per body: the last held meetings per organisation and per person."""
    bodies = Body.objects.filter(active=True).order_by("name")
    slug = request.GET.get("orgaan") or (bodies.first().slug if bodies.exists() else "")
    body = get_object_or_404(bodies, slug=parse_slug(slug)) if slug else None
    context = {"bodies": bodies, "body": body, **(attendance_history_of(body) if body else {})}
    context["statuses"] = Attendance.Status
    return render(request, "network/staff/attendance_history.html", context)
