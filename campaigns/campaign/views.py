"""The public campaign pages (list, page, feedback), the school's hub and checklist,
and the coordinators' participation report. Thin views: read the request, call one selector or
service, render or redirect."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit

from steunpunt.accounts.permissions import RoleRequiredMixin
from steunpunt.core.caching import wants_fragment

from ..models import Campaign, Feedback
from . import selectors, services
from .access import (
    get_acting_school,
    get_campaign_for_user,
    get_public_campaign,
    is_coordinator,
    schools_for_user,
)
from .forms import HONEYPOT_FIELD, ChecklistTickForm, FeedbackForm
from .permissions import SCHOOL_ROLES, STAFF_ROLES

FEEDBACK_RATELIMIT_GROUP = "campaigns:feedback"
THANKS_PARAMETER = "bedankt"


def feedback_rate(group, request) -> str:
    """The inbox's limit for public forms, read at request time (tests may change it)."""
    return getattr(settings, "CAMPAIGN_FEEDBACK_RATE_LIMIT", settings.INBOX_RATE_LIMIT)


# --- Public pages -----------------------------------------------------------------------------


@require_GET
def campaign_list(request):
    return render(
        request,
        "campaigns/campaign/campaign_list.html",
        {"campaigns": list(selectors.public_campaigns())},
    )


@require_GET
def campaign_detail(request, slug):
    campaign = get_public_campaign(slug)
    school_home_url = None
    if request.user.is_authenticated and request.user.has_role(*SCHOOL_ROLES):
        school_home_url = campaign.get_absolute_url() + "mijn-school/"
    return render(
        request,
        "campaigns/campaign/campaign_detail.html",
        {
            "page": selectors.campaign_page(campaign),
            "campaign": campaign,
            "show_school_link": school_home_url is not None and not is_coordinator(request.user),
            "show_staff_link": is_coordinator(request.user),
        },
    )


@method_decorator(never_cache, name="dispatch")
@method_decorator(
    ratelimit(
        key="ip", rate=feedback_rate, method="POST", group=FEEDBACK_RATELIMIT_GROUP, block=False
    ),
    name="post",
)
class FeedbackView(View):
    """Public: a school contact, a pupil (anonymously), a parent… reacts on the campaign."""

    template_name = "campaigns/feedback/feedback_form.html"
    thanks_template = "campaigns/feedback/feedback_thanks.html"

    def get(self, request, slug):
        campaign = get_public_campaign(slug)
        if request.GET.get(THANKS_PARAMETER) == "1":  # after the redirect of a sent reaction
            return render(request, self.thanks_template, {"campaign": campaign})
        initial = {"author": Feedback.Author.TEACHER} if _own_school(request.user) else {}
        return self._render(request, campaign, FeedbackForm(initial=initial))

    def post(self, request, slug):
        campaign = get_public_campaign(slug)
        if getattr(request, "limited", False):
            initial = {
                k: v
                for k, v in request.POST.items()
                if k not in ("csrfmiddlewaretoken", HONEYPOT_FIELD)
            }
            return self._render(
                request, campaign, FeedbackForm(initial=initial), rate_limited=True, status=429
            )
        form = FeedbackForm(request.POST)
        if form.is_spam:  # a bot filled the hidden field: thank it, store nothing
            return self._thanked(request, campaign)
        if not form.is_valid():
            return self._render(request, campaign, form)
        services.submit_feedback(
            campaign=campaign,
            author=form.cleaned_data["author"],
            text=form.cleaned_data["text"],
            signature=form.cleaned_data["signature"],
            consent_to_quote=form.cleaned_data["consent_to_quote"],
            school=_own_school(request.user),
            actor=request.user,
        )
        return self._thanked(request, campaign)

    def _thanked(self, request, campaign):
        """Post/redirect/get: a refresh of the thank-you page does not send the reaction again."""
        messages.success(request, _("We hebben je reactie goed ontvangen. We lezen ze allemaal."))
        url = reverse("campaigns:feedback", kwargs={"slug": campaign.slug})
        return redirect(f"{url}?{THANKS_PARAMETER}=1")

    def _render(self, request, campaign, form, rate_limited=False, status=200):
        return render(
            request,
            self.template_name,
            {"campaign": campaign, "form": form, "rate_limited": rate_limited},
            status=status,
        )


def _own_school(user):
    """The school of a logged-in school contact with exactly one school (else None)."""
    if not user.is_authenticated or is_coordinator(user):
        return None
    schools = list(schools_for_user(user)[:2])
    return schools[0] if len(schools) == 1 else None


# --- The school's pages -----------------------------------------------------------------------


class SchoolCampaignMixin(RoleRequiredMixin):
    """The campaign (public, or a draft for coordinators) and the school the page acts for:
    `?school=<uuid>` (coordinators without one go to the participation report), else the
    user's own school. Another school's page is a 404."""

    allowed_roles = SCHOOL_ROLES

    def dispatch(self, request, *args, **kwargs):
        if is_coordinator(request.user) and not request.GET.get("school"):
            # Which school? The participation report lists them, with a link to each.
            return redirect("campaigns:staff_participation", slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def setup_school(self, request, slug):
        self.campaign = get_campaign_for_user(request.user, slug)
        self.school = get_acting_school(request.user, request.GET.get("school"))

    def school_query(self) -> str:
        """Keep the school in links when it was named (coordinators, contacts of several)."""
        named = is_coordinator(self.request.user) or self.request.GET.get("school")
        return f"?school={self.school.uuid}" if named else ""


class SchoolHomeView(SchoolCampaignMixin, View):
    def get(self, request, slug):
        self.setup_school(request, slug)
        slug_args = [self.campaign.slug]
        tools = [
            (_("Materiaal bestellen"), reverse("campaigns:order_create", args=slug_args)),
            (_("Mijn bestellingen bekijken"), reverse("campaigns:order_list")),
            (_("Digitale kit downloaden"), reverse("campaigns:kit", args=slug_args)),
            (_("Ouderfolder maken"), reverse("campaigns:folder", args=slug_args)),
        ]
        return render(
            request,
            "campaigns/campaign/school_home.html",
            {
                "campaign": self.campaign,
                "school": self.school,
                "checklist": selectors.checklist_for_school(self.campaign, self.school),
                "school_query": self.school_query(),
                "tool_links": tools,
            },
        )


@method_decorator(never_cache, name="dispatch")
class ChecklistView(SchoolCampaignMixin, View):
    """GET: the checklist with a checkbox per item. POST: tick or untick one item; htmx swaps
    the item (and the progress), without JavaScript the page reloads."""

    template_name = "campaigns/checklist/checklist.html"
    fragment_template = "campaigns/checklist/fragment_checklist.html"

    def get(self, request, slug):
        self.setup_school(request, slug)
        return self._render(request)

    def post(self, request, slug):
        self.setup_school(request, slug)
        items = list(self.campaign.checklist_items.all())
        form = ChecklistTickForm(request.POST, items=items)
        error = None
        if form.is_valid():
            try:
                services.tick_item(
                    campaign=self.campaign,
                    school=self.school,
                    item=form.cleaned_data["item"],
                    done=form.cleaned_data["done"],
                    actor=request.user,
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
        else:
            error = _("Dat lukte niet. Kies een punt van de checklist.")
        if wants_fragment(request):
            # 200 also with an error: htmx only swaps successful responses, and the error
            # belongs in the list the person is looking at.
            return self._render(request, error=error)
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Opgeslagen."))
        return redirect(request.path + self.school_query())

    def _render(self, request, error=None):
        template = self.fragment_template if wants_fragment(request) else self.template_name
        return render(
            request,
            template,
            {
                "campaign": self.campaign,
                "school": self.school,
                "checklist": selectors.checklist_for_school(self.campaign, self.school),
                "editable": self.campaign.status == Campaign.Status.ACTIVE,
                "school_query": self.school_query(),
                "error": error,
            },
        )


# --- Coordinators -----------------------------------------------------------------------------


class StaffParticipationView(RoleRequiredMixin, View):
    """Progress per school and per subregion, and the schools that have not started."""

    allowed_roles = STAFF_ROLES

    def get(self, request, slug):
        campaign = get_campaign_for_user(request.user, slug)
        return render(
            request,
            "campaigns/checklist/staff_participation.html",
            {"campaign": campaign, "report": selectors.participation_report(campaign)},
        )
