"""The parent folder pages: a school's folder (settings, "make my folder", progress, download)
and the coordinators' batches. Thin views: forms validate, services write, tasks render.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from steunpunt.accounts.permissions import RoleRequiredMixin, role_required

from ..campaign.access import get_acting_school, get_campaign_for_user
from ..campaign.permissions import SCHOOL_ROLES, STAFF_ROLES
from ..models import Campaign
from . import services
from .access import get_folder_batch_for_user, get_folder_for_user
from .forms import FolderLogoForm, FolderSettingsForm
from .selectors import (
    batch_items,
    batch_progress,
    batches_of,
    find_folder,
    find_participation,
    is_out_of_date,
)

FOLDER_TEMPLATE = "campaigns/folders/folder_detail.html"
STATUS_FRAGMENT = "campaigns/folders/fragment_folder_status.html"
BATCH_LIST_TEMPLATE = "campaigns/folders/batch_list.html"
BATCH_DETAIL_TEMPLATE = "campaigns/folders/batch_detail.html"
BATCH_FRAGMENT = "campaigns/folders/fragment_batch_progress.html"


def _folder_url(campaign: Campaign, school) -> str:
    return f"{reverse('campaigns:folder', kwargs={'slug': campaign.slug})}?school={school.uuid}"


@method_decorator(never_cache, name="dispatch")
class FolderView(RoleRequiredMixin, View):
    """GET: the school's folder page. POST (action=settings|logo|make): one service each."""

    allowed_roles = SCHOOL_ROLES

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.school_uuid = request.GET.get("school") or None

    def _load(self, slug):
        self.campaign = get_campaign_for_user(self.request.user, slug)
        self.school = get_acting_school(self.request.user, self.school_uuid)

    def get(self, request, slug):
        self._load(slug)
        participation = find_participation(self.campaign, self.school)
        folder = find_folder(self.campaign, self.school)
        settings_form = FolderSettingsForm(
            school=self.school,
            initial={
                "contact_person": participation.contact_person if participation else None,
                "personal_word": folder.personal_word if folder else "",
            },
        )
        return self._render(folder, settings_form=settings_form, logo_form=FolderLogoForm())

    def post(self, request, slug):
        self._load(slug)
        action = request.POST.get("action")
        try:
            if action == "settings":
                return self._save_settings()
            if action == "logo":
                return self._save_logo()
            if action == "make":
                return self._make()
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(_folder_url(self.campaign, self.school))
        raise Http404("Unknown action")

    def _save_settings(self):
        form = FolderSettingsForm(self.request.POST, school=self.school)
        if not form.is_valid():
            return self._render(
                find_folder(self.campaign, self.school),
                settings_form=form,
                logo_form=FolderLogoForm(),
            )
        services.save_folder_settings(
            campaign=self.campaign,
            school=self.school,
            contact_person=form.cleaned_data["contact_person"],
            personal_word=form.cleaned_data["personal_word"],
            actor=self.request.user,
        )
        messages.success(self.request, _("De gegevens voor de folder zijn bewaard."))
        return redirect(_folder_url(self.campaign, self.school))

    def _save_logo(self):
        form = FolderLogoForm(self.request.POST, self.request.FILES)
        folder = find_folder(self.campaign, self.school)
        if not form.is_valid():
            participation = find_participation(self.campaign, self.school)
            settings_form = FolderSettingsForm(
                school=self.school,
                initial={
                    "contact_person": participation.contact_person if participation else None,
                    "personal_word": folder.personal_word if folder else "",
                },
            )
            return self._render(folder, settings_form=settings_form, logo_form=form)
        remove = form.cleaned_data["remove_logo"] and not form.cleaned_data["logo"]
        services.save_folder_logo(
            campaign=self.campaign,
            school=self.school,
            logo=None if remove else form.cleaned_data["logo"],
            extension="" if remove else form.logo_extension,
            actor=self.request.user,
        )
        messages.success(
            self.request, _("Het logo is weggehaald.") if remove else _("Het logo is bewaard.")
        )
        return redirect(_folder_url(self.campaign, self.school))

    def _make(self):
        _folder, queued = services.request_folder(
            campaign=self.campaign, school=self.school, actor=self.request.user
        )
        if queued:
            messages.success(self.request, _("Je folder wordt gemaakt. Dat duurt even."))
        else:
            messages.info(self.request, _("Je folder is al up-to-date of wordt net gemaakt."))
        return redirect(_folder_url(self.campaign, self.school))

    def _render(self, folder, *, settings_form, logo_form):
        status = 400 if settings_form.errors or logo_form.errors else 200
        return render(
            self.request,
            FOLDER_TEMPLATE,
            {
                "campaign": self.campaign,
                "school": self.school,
                "folder": folder,
                "out_of_date": bool(folder) and is_out_of_date(folder),
                "settings_form": settings_form,
                "logo_form": logo_form,
                "form_url": _folder_url(self.campaign, self.school),
                "can_make": self.campaign.is_active,
            },
            status=status,
        )


@never_cache
@require_GET
@role_required(*SCHOOL_ROLES)
def folder_status(request, uuid):
    """The htmx fragment polled while a folder is being made (it stops polling when done)."""
    folder = get_folder_for_user(request.user, uuid)
    return render(
        request,
        STATUS_FRAGMENT,
        {"folder": folder, "out_of_date": is_out_of_date(folder)},
    )


@require_GET
@role_required(*SCHOOL_ROLES)
def folder_download(request, uuid):
    folder = get_folder_for_user(request.user, uuid)
    if not folder.pdf:
        raise Http404("No PDF yet")
    school = folder.participation.school
    filename = f"ouderfolder-{slugify(school.short_name or school.name)}.pdf"
    return FileResponse(
        folder.pdf.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )


@method_decorator(never_cache, name="dispatch")
class StaffFolderBatchView(RoleRequiredMixin, View):
    """GET: the batches of a campaign; POST: start a batch for all participating schools."""

    allowed_roles = STAFF_ROLES

    def get(self, request, slug):
        campaign = get_campaign_for_user(request.user, slug)
        return render(
            request,
            BATCH_LIST_TEMPLATE,
            {
                "campaign": campaign,
                "batches": batches_of(campaign),
                "school_count": campaign.participations.count(),
            },
        )

    def post(self, request, slug):
        campaign = get_campaign_for_user(request.user, slug)
        try:
            batch = services.start_folder_batch(campaign=campaign, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("campaigns:staff_folder_batch", slug=campaign.slug)
        messages.success(request, _("De folders worden gemaakt. Volg hieronder de voortgang."))
        return redirect(batch)


@method_decorator(never_cache, name="dispatch")
class StaffFolderBatchDetailView(RoleRequiredMixin, View):
    """GET: progress and the result per school (htmx: only the progress block);
    POST: queue the failed schools again."""

    allowed_roles = STAFF_ROLES

    def get(self, request, uuid):
        batch = get_folder_batch_for_user(request.user, uuid)
        context = {"batch": batch, "progress": batch_progress(batch)}
        if request.headers.get("HX-Request"):
            return render(request, BATCH_FRAGMENT, {**context, "items": batch_items(batch)})
        return render(request, BATCH_DETAIL_TEMPLATE, {**context, "items": batch_items(batch)})

    def post(self, request, uuid):
        batch = get_folder_batch_for_user(request.user, uuid)
        count = services.retry_failed_batch_items(batch=batch, actor=request.user)
        if count:
            messages.success(
                request,
                ngettext(
                    "%(count)d school staat opnieuw in de wachtrij.",
                    "%(count)d scholen staan opnieuw in de wachtrij.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.info(request, _("Er zijn geen mislukte folders in deze reeks."))
        return redirect(batch)
