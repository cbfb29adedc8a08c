"""Pages of meetings for members and invitees: the personal answer link (no login),
the meeting page with its agenda, documents and minutes, and document downloads."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from steunpunt.accounts.roles import is_staff_member

from ..models import Meeting, Minutes
from . import services
from .access import get_document_for_user, get_meeting_for_user
from .forms import RsvpForm
from .selectors import invitation_for_token


@require_http_methods(["GET", "POST"])
def rsvp(request, token):
    """Answer an invitation through its personal link: attend, decline or send a substitute."""
    invitation = invitation_for_token(token)
    if invitation is None:
        raise Http404("Unknown invitation token.")
    meeting = invitation.meeting
    open_for_answers = meeting.status in (Meeting.Status.DRAFT, Meeting.Status.PLANNED)
    if request.method == "POST" and open_for_answers:
        form = RsvpForm(request.POST)
        if form.is_valid():
            services.answer_invitation(invitation=invitation, **form.cleaned_data)
            return redirect(f"{request.path}?beantwoord=1")
    else:
        services.open_invitation(invitation=invitation)
        initial = {}
        if invitation.is_answered:
            initial = {
                "response": invitation.response,
                "substitute_name": invitation.substitute_name,
                "substitute_email": invitation.substitute_email,
                "comment": invitation.comment,
            }
        form = RsvpForm(initial=initial)
    context = {
        "invitation": invitation,
        "meeting": meeting,
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.computed_end()),
        "schedule": [s for s in meeting.schedule() if not s.item.internal],
        "form": form,
        "open_for_answers": open_for_answers,
        "answered": request.GET.get("beantwoord") == "1" and invitation.is_answered,
    }
    return render(request, "network/rsvp.html", context)


@login_required
@require_GET
def meeting_detail(request, uuid):
    meeting = get_meeting_for_user(request.user, uuid)
    staff = is_staff_member(request.user)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    context = {
        "meeting": meeting,
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.computed_end()),
        "schedule": [s for s in meeting.schedule() if staff or not s.item.internal],
        "documents": meeting.documents.all(),
        "minutes": minutes if minutes and (minutes.is_published or staff) else None,
        "actions": meeting.actions.select_related("owner", "owner_organisation"),
        "is_staff": staff,
    }
    return render(request, "network/meeting_detail.html", context)


@login_required
@require_GET
def document_download(request, uuid):
    document = get_document_for_user(request.user, uuid)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.download_name
    )
