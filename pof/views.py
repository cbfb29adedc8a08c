"""Pages of the POF: programmatie requests for school contacts, the secretariat's list,
advice and export, and the session buttons (standard agenda, agenda PDF versions).

Views read the request, call one service, redirect or render (pof/services.py writes).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from steunpunt.accounts.permissions import role_required
from steunpunt.accounts.roles import Role
from steunpunt.core.exports import export_response
from steunpunt.core.forms import add_service_errors
from steunpunt.core.params import parse_pk

from . import export, selectors, services
from .agenda_pdf import render_advice_letter
from .filters import StaffRequestFilter
from .forms import AdviceForm, AttachmentForm, RequestForm
from .models import AgendaPdf, ProgrammatieRequest, RequestAttachment

STAFF = Role.staff_roles()
REQUESTERS = (Role.SCHOOL_CONTACT, *STAFF)
S = ProgrammatieRequest.Status


def _errors(error: ValidationError) -> list[str]:
    return error.messages


# Programmatie requests of a school


@role_required(*REQUESTERS)
def request_list(request):
    requests = selectors.requests_for_user(request.user).order_by("-school_year", "-created_at")
    page = Paginator(requests, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "pof/request_list.html",
        {
            "page_obj": page,
            "requests": page.object_list,
            "can_create": selectors.sites_for_user(request.user).exists(),
            "school_year": selectors.default_school_year(),
        },
    )


def _form_page(request, form, *, programmatie_request=None, status=200):
    context = {"form": form, "programmatie_request": programmatie_request}
    if programmatie_request is not None:
        context["attachment_form"] = AttachmentForm()
        context["attachments"] = programmatie_request.attachments.all()
        context["partners"] = selectors.partner_recognition(programmatie_request)
    return render(request, "pof/request_form.html", context, status=status)


def _searching(request) -> bool:
    return "zoek" in request.POST


def _search_form(request, sites):
    """The form again, with the partner matches for the search, without saving or errors."""
    data = request.POST
    initial = {name: data.get(name, "") for name in RequestForm.base_fields}
    return RequestForm(
        initial=initial, sites=sites, chosen=data.getlist("partner_companies")
    ), initial


@role_required(*REQUESTERS)
def request_create(request):
    sites = selectors.sites_for_user(request.user)
    if not sites.exists():
        raise Http404
    if request.method == "POST" and _searching(request):
        form, initial = _search_form(request, sites)
        form.initial["partner_companies"] = request.POST.getlist("partner_companies")
        return _form_page(request, form)
    if request.method == "POST":
        form = RequestForm(request.POST, sites=sites)
        if form.is_valid():
            fields = form.request_fields()
            try:
                created = services.create_request(
                    provider=fields["site"].organisation, actor=request.user, **fields
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Je aanvraag is bewaard als ontwerp. Voeg bijlagen toe en dien ze in."),
                )
                return redirect("pof:request_edit", uuid=created.uuid)
        return _form_page(request, form, status=400)
    form = RequestForm(
        initial={"school_year": selectors.default_school_year(), "site": sites.first()},
        sites=sites,
    )
    return _form_page(request, form)


@role_required(*REQUESTERS)
def request_edit(request, uuid):
    programmatie_request = selectors.get_request_for_user(request.user, uuid)
    sites = selectors.sites_for_user(request.user).filter(
        organisation=programmatie_request.provider
    )
    if programmatie_request.status != S.DRAFT:
        return render(
            request,
            "pof/request_detail.html",
            {
                "programmatie_request": programmatie_request,
                "attachments": programmatie_request.attachments.all(),
                "partners": selectors.partner_recognition(programmatie_request),
            },
        )
    if request.method == "POST" and _searching(request):
        form, initial = _search_form(request, sites)
        form.initial["partner_companies"] = request.POST.getlist("partner_companies")
        return _form_page(request, form, programmatie_request=programmatie_request)
    if request.method == "POST":
        form = RequestForm(request.POST, sites=sites)
        if form.is_valid():
            try:
                services.update_request(
                    request=programmatie_request, actor=request.user, **form.request_fields()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Je wijzigingen zijn bewaard."))
                return redirect("pof:request_edit", uuid=programmatie_request.uuid)
        return _form_page(request, form, programmatie_request=programmatie_request, status=400)
    chosen = list(programmatie_request.partner_companies.values_list("pk", flat=True))
    form = RequestForm(
        initial={
            "site": programmatie_request.site_id,
            "programme": programmatie_request.programme_id,
            "school_year": programmatie_request.school_year,
            "expected_learners": programmatie_request.expected_learners,
            "partner_companies": chosen,
            "rationale": programmatie_request.rationale,
        },
        sites=sites,
        chosen=chosen,
    )
    return _form_page(request, form, programmatie_request=programmatie_request)


@role_required(*REQUESTERS)
@require_POST
def request_submit(request, uuid):
    programmatie_request = selectors.get_request_for_user(request.user, uuid)
    try:
        services.submit_request(request=programmatie_request, actor=request.user)
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Je aanvraag is ingediend. Het POF-secretariaat zet ze op de agenda van het forum."),
        )
    return redirect("pof:request_edit", uuid=programmatie_request.uuid)


@role_required(*REQUESTERS)
@require_POST
def request_withdraw(request, uuid):
    programmatie_request = selectors.get_request_for_user(request.user, uuid)
    try:
        services.withdraw_request(request=programmatie_request, actor=request.user)
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
        return redirect("pof:request_edit", uuid=programmatie_request.uuid)
    messages.success(request, _("Je aanvraag is ingetrokken."))
    return redirect("pof:request_list")


@role_required(*REQUESTERS)
@require_POST
def attachment_add(request, uuid):
    programmatie_request = selectors.get_request_for_user(request.user, uuid)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_request_attachment(
                request=programmatie_request,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
        else:
            messages.success(request, _("De bijlage is toegevoegd."))
    else:
        messages.error(request, _("Kies een bestand om op te laden."))
    return redirect("pof:request_edit", uuid=programmatie_request.uuid)


@role_required(*REQUESTERS)
def attachment_download(request, uuid):
    """An attachment for the school that filed the request and for the staff (404 otherwise)."""
    attachment = get_object_or_404(
        RequestAttachment.objects.select_related("request"),
        uuid=uuid,
        request__in=selectors.requests_for_user(request.user),
    )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=f"{slugify(attachment.title) or 'bijlage'}.{attachment.extension}",
        content_type=attachment.mimetype,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# The secretariat


@role_required(*STAFF)
def staff_request_list(request):
    years = selectors.school_years()
    school_year = request.GET.get("schooljaar") or selectors.default_school_year()
    if school_year not in years:
        school_year = years[0]
    queryset = selectors.staff_requests().filter(school_year=school_year)
    filterset = StaffRequestFilter(request.GET or None, queryset=queryset)
    requests = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    page = Paginator(requests, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "pof/staff_request_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "requests": page.object_list,
            "school_year": school_year,
            "school_years": years,
        },
    )


@role_required(*STAFF)
def staff_request_export(request):
    school_year = request.GET.get("schooljaar") or selectors.default_school_year()
    if school_year not in selectors.school_years():
        raise Http404
    requests = selectors.export_requests(school_year)
    return export_response(
        "csv" if request.GET.get("formaat") == "csv" else "xlsx",
        header=export.header(),
        rows=export.rows(requests),
        filename=f"programmatieaanvragen-{school_year}",
        sheet_title=_("Aanvragen %(year)s") % {"year": school_year},
    )


@role_required(*STAFF)
def staff_request_detail(request, uuid):
    programmatie_request = get_object_or_404(selectors.staff_requests(), uuid=uuid)
    form = AdviceForm(
        initial={
            "advice": programmatie_request.advice,
            "motivation": programmatie_request.advice_motivation,
        }
    )
    status = 200
    if request.method == "POST" and request.POST.get("action") == "forward":
        try:
            services.forward_request(request=programmatie_request, actor=request.user)
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
        else:
            messages.success(request, _("De aanvraag is doorgestuurd."))
        return redirect("pof:staff_request_detail", uuid=programmatie_request.uuid)
    if request.method == "POST":
        form = AdviceForm(request.POST)
        if form.is_valid():
            try:
                services.record_advice(
                    request=programmatie_request,
                    advice=form.cleaned_data["advice"],
                    motivation=form.cleaned_data["motivation"],
                    actor=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Het advies is vastgelegd."))
                return redirect("pof:staff_request_detail", uuid=programmatie_request.uuid)
        status = 400
    return render(
        request,
        "pof/staff_request_detail.html",
        {
            "programmatie_request": programmatie_request,
            "form": form,
            "can_advise": programmatie_request.status in (S.SUBMITTED, S.ON_AGENDA, S.ADVISED),
            "attachments": programmatie_request.attachments.all(),
            "partners": selectors.partner_recognition(programmatie_request),
        },
        status=status,
    )


@role_required(*STAFF)
def request_advice_letter(request, uuid):
    programmatie_request = get_object_or_404(
        selectors.staff_requests().filter(status__in=[S.ADVISED, S.FORWARDED]), uuid=uuid
    )
    response = HttpResponse(
        render_advice_letter(programmatie_request), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="advies-{programmatie_request.school_year}-'
        f'{programmatie_request.uuid.hex[:8]}.pdf"'
    )
    return response


# POF sessions


def _agenda_builder_url(session) -> str:
    try:
        return reverse("network:staff_agenda", args=[session.uuid])
    except NoReverseMatch:
        return reverse("network:meeting_detail", args=[session.uuid])


@role_required(*STAFF)
@require_POST
def session_standard_agenda(request, uuid):
    session = selectors.get_session(uuid)
    try:
        added = services.fill_standard_agenda(session=session, actor=request.user)
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        if added:
            messages.success(
                request,
                _("De standaardagenda is aangevuld met %(count)s punten.") % {"count": len(added)},
            )
        else:
            messages.info(
                request,
                _("De agenda had alle standaardpunten al; ingediende aanvragen zijn toegevoegd."),
            )
    return redirect(_agenda_builder_url(session))


@role_required(*STAFF)
def session_pdfs(request, uuid):
    session = selectors.get_session(uuid)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "generate":
                pdf = services.request_agenda_pdf(session=session, actor=request.user)
                messages.success(
                    request,
                    _("Versie %(version)s wordt gemaakt; de tabel toont wanneer ze klaar is.")
                    % {"version": pdf.version},
                )
            elif action == "mail":
                pdf = get_object_or_404(session.agenda_pdfs, pk=parse_pk(request.POST.get("pdf")))
                count = services.mail_agenda(pdf=pdf, actor=request.user)
                messages.success(
                    request,
                    _("Versie %(version)s gaat naar %(count)s genodigden.")
                    % {"version": pdf.version, "count": count},
                )
            else:
                messages.error(request, _("Kies wat je wilt doen."))
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
        return redirect("pof:session_pdfs", uuid=session.uuid)
    pdfs = list(selectors.agenda_pdfs_of(session))
    return render(
        request,
        "pof/session_pdfs.html",
        {
            "session": session,
            "pdfs": pdfs,
            # While a version is being made the table refreshes itself (htmx); without
            # JavaScript a reload shows the same.
            "waiting": any(pdf.status == AgendaPdf.Status.QUEUED for pdf in pdfs),
            "invitation_count": session.invitations.count(),
            "builder_url": _agenda_builder_url(session),
        },
    )


@role_required(*STAFF)
def agenda_pdf_download(request, pk):
    pdf = get_object_or_404(
        AgendaPdf.objects.select_related("meeting"), pk=pk, status=AgendaPdf.Status.READY
    )
    with pdf.file.open("rb") as handle:
        content = handle.read()
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="agenda-{pdf.meeting.starts_at:%Y-%m-%d}-v{pdf.version}.pdf"'
    )
    return response
