"""Staff pages of the mailings tool: list, compose, preview, test, send, per-recipient status;
and the unsubscribe link of campaign mails (no login; the token names the address).

Unsubscribe: GET shows what will happen and a button (mail scanners that follow links
unsubscribe nobody); the POST unsubscribes, also as RFC 8058 one-click POST from the mail
client itself.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import DetailView, FormView, ListView

from steunpunt.accounts.permissions import RoleRequiredMixin, role_required
from steunpunt.core.forms import add_service_errors
from steunpunt.core.params import parse_slug

from ..campaign import recipients
from ..campaign.permissions import STAFF_ROLES
from ..campaign.recipients import unsubscribe_url
from ..models import Campaign
from . import services
from .access import get_mailing_for_user, mailings_for_user
from .forms import MailingForm, RecipientStatusFilterForm
from .selectors import (
    delivery_counts,
    mailing_recipients,
    outbox_rows,
    segment_schools,
)


class MailingListView(RoleRequiredMixin, ListView):
    allowed_roles = STAFF_ROLES
    template_name = "campaigns/mailings/mailing_list.html"
    context_object_name = "mailings"
    paginate_by = 25

    def get_queryset(self):
        mailings = mailings_for_user(self.request.user)
        self.campaign = Campaign.objects.filter(
            slug=parse_slug(self.request.GET.get("campagne"))
        ).first()
        if self.campaign:
            mailings = mailings.filter(campaign=self.campaign)
        return mailings

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = delivery_counts(context["mailings"])
        context["rows"] = [(m, counts[m.pk]) for m in context["mailings"]]
        context["campaigns"] = Campaign.objects.order_by("-starts_on", "name")
        context["campaign"] = self.campaign
        return context


class MailingFormMixin(RoleRequiredMixin):
    allowed_roles = STAFF_ROLES
    form_class = MailingForm
    template_name = "campaigns/mailings/mailing_form.html"

    def form_valid(self, form):
        try:
            mailing = self.save(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Bewaard. Bekijk hieronder hoe de mailing eruitziet."))
        return redirect("campaigns:mailing_preview", uuid=mailing.uuid)


class MailingCreateView(MailingFormMixin, FormView):
    def get_initial(self):
        campaign = Campaign.objects.filter(
            slug=parse_slug(self.request.GET.get("campagne"))
        ).first()
        return {"campaign": campaign.pk} if campaign else {}

    def save(self, form):
        return services.create_mailing(
            campaign=form.cleaned_data["campaign"], content=form.content(), actor=self.request.user
        )


class MailingUpdateView(MailingFormMixin, FormView):
    """Only drafts; runs after the role check (RoleRequiredMixin.dispatch)."""

    @cached_property
    def mailing(self):
        return get_mailing_for_user(self.request.user, self.kwargs["uuid"])

    def _refuse_if_sent(self):
        if self.mailing.is_draft:
            return None
        messages.error(
            self.request, _("Een verstuurde mailing kan je niet meer wijzigen. Maak een nieuwe.")
        )
        return redirect(self.mailing)

    def get(self, request, *args, **kwargs):
        return self._refuse_if_sent() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refuse_if_sent() or super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "mailing": self.mailing}

    def get_context_data(self, **kwargs):
        return super().get_context_data(mailing=self.mailing, **kwargs)

    def save(self, form):
        return services.update_mailing(
            mailing=self.mailing, content=form.content(), actor=self.request.user
        )


class MailingPreviewView(RoleRequiredMixin, DetailView):
    """The mail as the first recipient gets it, who the segment reaches, test and send."""

    allowed_roles = STAFF_ROLES
    template_name = "campaigns/mailings/mailing_preview.html"
    context_object_name = "mailing"

    def get_object(self, queryset=None):
        return get_mailing_for_user(self.request.user, self.kwargs["uuid"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mailing = self.object
        recipients = mailing_recipients(mailing)
        per_school = {}
        for recipient in recipients:
            per_school[recipient.school_id] = per_school.get(recipient.school_id, 0) + 1
        schools = list(segment_schools(mailing))
        sample = recipients[0] if recipients else None
        context.update(
            recipients=recipients,
            schools=[(school, per_school.get(school.pk, 0)) for school in schools],
            schools_without_contact=sum(1 for s in schools if s.pk not in per_school),
            sample=sample,
            mail=services.mail_context(
                mailing,
                greeting_name=sample.name if sample else "",
                unsubscribe=unsubscribe_url(sample.email) if sample else "",
            ),
            already_queued=outbox_rows(mailing).count(),
        )
        return context


@role_required(*STAFF_ROLES)
@require_POST
def mailing_send_test(request, uuid):
    mailing = get_mailing_for_user(request.user, uuid)
    try:
        email = services.send_test_mailing(mailing=mailing, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("De test wordt verstuurd naar %(email)s. Kijk zo meteen in je mailbox.")
            % {"email": email},
        )
    return redirect("campaigns:mailing_preview", uuid=mailing.uuid)


@role_required(*STAFF_ROLES)
@require_POST
def mailing_send(request, uuid):
    mailing = get_mailing_for_user(request.user, uuid)
    try:
        result = services.send_mailing(mailing=mailing, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("campaigns:mailing_preview", uuid=mailing.uuid)
    if result.queued and result.already:
        text = _(
            "%(queued)d nieuwe ontvanger(s) krijgen de mailing. %(already)d hadden hem al: "
            "zij krijgen hem niet nog eens."
        )
    elif result.queued:
        text = _("De mailing gaat naar %(queued)d ontvanger(s). Hieronder zie je hoe het loopt.")
    else:
        text = _("Iedereen in deze keuze heeft de mailing al: niemand krijgt hem nog eens.")
    messages.success(request, text % {"queued": result.queued, "already": result.already})
    return redirect(mailing)


@role_required(*STAFF_ROLES)
@require_POST
def mailing_resend_failed(request, uuid):
    mailing = get_mailing_for_user(request.user, uuid)
    count = services.resend_failed(mailing=mailing, actor=request.user)
    if count:
        messages.success(
            request, _("%(count)d mislukte e-mail(s) worden opnieuw verstuurd.") % {"count": count}
        )
    else:
        messages.info(request, _("Er zijn geen mislukte e-mails om opnieuw te versturen."))
    return redirect(mailing)


class MailingDetailView(RoleRequiredMixin, DetailView):
    """Per recipient: status, attempts, last error, sent time."""

    allowed_roles = STAFF_ROLES
    template_name = "campaigns/mailings/mailing_detail.html"
    context_object_name = "mailing"
    paginate_by = 50

    def get_object(self, queryset=None):
        return get_mailing_for_user(self.request.user, self.kwargs["uuid"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filter_form = RecipientStatusFilterForm(self.request.GET or None)
        rows = outbox_rows(self.object).only(
            "uuid",
            "recipient_email",
            "recipient_name",
            "status",
            "attempts",
            "last_error",
            "sent_at",
            "next_attempt_at",
        )
        status = ""
        if filter_form.is_valid() and filter_form.cleaned_data["status"]:
            status = filter_form.cleaned_data["status"]
            rows = rows.filter(status=status)
        page = Paginator(rows, self.paginate_by).get_page(self.request.GET.get("page"))
        context.update(
            counts=delivery_counts([self.object])[self.object.pk],
            filter_form=filter_form,
            status=status,
            page_obj=page,
            recipients=page.object_list,
        )
        return context


# --- Unsubscribe (public, no login) ---------------------------------------------------------


@csrf_exempt  # the mail client posts without a CSRF token; the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    email = recipients.email_from_token(token)
    if email is None:
        raise Http404("Unknown unsubscribe token.")
    done = request.method == "POST"
    if done:
        recipients.opt_out(email=email)
    else:
        done = recipients.is_opted_out(email)
    return render(
        request, "campaigns/unsubscribe.html", {"email": email, "done": done, "token": token}
    )
